#!/usr/bin/env node
// Pretraining streamed from a folder of 50 000 PNGs: does decoding keep up with the step, and does
// memory stay bounded? Writes 50 000 32×32 RGB PNGs in ten class folders (MNIST digits 28×28
// padded to 32×32, tinted with a seeded colour each; kept in the OS temp folder between runs),
// then runs SimCLR with `pretrain`'s defaults on wasm twice for the same steps and seed:
//   1. from `imageFolder(dir)` with a small decode cache (`--cache-mb`, default 16 MB: ~1 700
//      images), so almost every read decodes — `sharp` on libuv's threads while the step runs;
//   2. from the same images held in memory (`fromArrays` of the first 10 000, decoded up front),
//      after a 3-step warm-up run so that neither run pays for compiling kernels.
// Reports the data share of each step (`timings.data` / training time: the time a step waits for
// its batch), the step time against the in-memory run, and the process's resident memory (RSS)
// sampled after every step. Appends one JSON line to bench-results/image-folder-stream.jsonl
// (with the machine and date). Never fails on a time.
// Usage (after `pnpm build`): node bench/image-folder-stream.mjs [--steps 40] [--cache-mb 16]
//   [--images 50000] [--dir /tmp/tessera-png50k]
import { appendFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { Buffer } from 'node:buffer';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createRng } from '@tessera/core';
import { fromArrays, imageFolder, loadMnist } from '@tessera/data';
import sharp from 'sharp';
import { machine } from '../../../scripts/machine.mjs';
import { createRunner } from '../dist/index.node.js';

const { values } = parseArgs({
  options: {
    steps: { type: 'string', default: '40' },
    'cache-mb': { type: 'string', default: '16' },
    images: { type: 'string', default: '50000' },
    dir: { type: 'string' },
    seed: { type: 'string', default: '0' },
  },
});
const steps = Number(values.steps);
const count = Number(values.images);
const seed = Number(values.seed);
const dir = values.dir ?? path.join(tmpdir(), `tessera-png${count / 1000}k`);
const SIZE = 32;
const BATCH = 256;

/** Writes `count` tinted, padded digits as PNGs under dir/<digit>/, unless they are there. */
async function writeFolder() {
  const done = path.join(dir, '.complete');
  if (existsSync(done)) return 0;
  const started = performance.now();
  const mnist = await loadMnist({ split: 'train' });
  const rng = createRng(seed);
  for (let d = 0; d < 10; d++) mkdirSync(path.join(dir, String(d)), { recursive: true });
  const encodeOne = (i) => {
    const rgb = Buffer.alloc(SIZE * SIZE * 3);
    const tint = [rng.uniform(0.3, 1), rng.uniform(0.3, 1), rng.uniform(0.3, 1)];
    const k = i % mnist.labels.length;
    for (let y = 0; y < 28; y++)
      for (let x = 0; x < 28; x++) {
        const v = mnist.images[k * 784 + y * 28 + x];
        const o = ((y + 2) * SIZE + x + 2) * 3;
        for (let c = 0; c < 3; c++) rgb[o + c] = Math.round(255 * v * tint[c]);
      }
    const file = path.join(dir, String(mnist.labels[k]), `${String(i).padStart(5, '0')}.png`);
    return sharp(rgb, { raw: { width: SIZE, height: SIZE, channels: 3 } })
      .png()
      .toFile(file);
  };
  for (let i = 0; i < count; i += 256)
    await Promise.all(Array.from({ length: Math.min(256, count - i) }, (_, j) => encodeOne(i + j)));
  writeFileSync(done, '');
  return (performance.now() - started) / 1000;
}

const mb = (bytes) => bytes / 2 ** 20;

/** Pretrains SimCLR with the defaults on `data`, sampling RSS after every step. */
async function pretrainOn(runner, data, maxSteps = steps) {
  const rss = [];
  const started = performance.now();
  const run = await runner.pretrain({
    method: 'simclr',
    data,
    maxSteps,
    batchSize: BATCH,
    seed,
    onProgress: (e) => {
      if (e.type === 'step') rss.push(mb(process.memoryUsage().rss));
    },
  });
  const wallSeconds = (performance.now() - started) / 1000;
  const result = {
    steps: run.steps,
    wallSeconds,
    trainSeconds: run.trainSeconds,
    secondsPerStep: run.trainSeconds / run.steps,
    // the median step: the first steps of a run also compile kernels and fill the prefetch
    medianStepSeconds: [...run.stepSeconds].sort((a, b) => a - b)[run.steps >> 1],
    dataShare: run.timings.data / run.trainSeconds,
    timings: run.timings,
    rssMegabytes: {
      afterStep1: rss[0],
      afterStep10: rss[Math.min(9, rss.length - 1)],
      last: rss.at(-1),
      peak: Math.max(...rss),
    },
  };
  run.dispose();
  return result;
}

const generateSeconds = await writeFolder();
const files = readdirSync(dir).filter((d) => /^\d$/.test(d)).length;
const runner = await createRunner({ backend: 'wasm' });
console.log(`backend: ${runner.backend.name}`);

// the in-memory images, decoded up front by a source without a cache (the decode rate measured)
const inMemoryCount = Math.min(10000, count);
const decoder = await imageFolder(dir, { cacheMegabytes: 0 });
const decodeStarted = performance.now();
const images = await decoder.read(Int32Array.from({ length: inMemoryCount }, (_, i) => i));
const decodeSeconds = (performance.now() - decodeStarted) / 1000;
const arrays = fromArrays({
  images,
  shape: [inMemoryCount, SIZE, SIZE, 3],
  labels: decoder.labels.slice(0, inMemoryCount),
});
await pretrainOn(runner, arrays, 3); // warm-up: kernels compiled, wasm memory grown

const folder = await imageFolder(dir, { cacheMegabytes: Number(values['cache-mb']) });
console.log(`${folder.description}; decode cache ${values['cache-mb']} MB`);
const streamed = await pretrainOn(runner, folder);
const inMemory = await pretrainOn(runner, arrays);
for (const [what, r] of [
  ['streamed', streamed],
  [`in memory (${inMemoryCount} images)`, inMemory],
])
  console.log(
    `${what}: ${r.steps} steps, median ${r.medianStepSeconds.toFixed(3)} s/step (mean ${r.secondsPerStep.toFixed(3)}), data ${(100 * r.dataShare).toFixed(1)} % of training time, RSS ${r.rssMegabytes.afterStep10.toFixed(0)} MB after step 10 → ${r.rssMegabytes.last.toFixed(0)} MB after step ${r.steps} (peak ${r.rssMegabytes.peak.toFixed(0)})`,
  );
const imageFolderStream = {
  command: `node bench/image-folder-stream.mjs --steps ${steps} --cache-mb ${values['cache-mb']} --images ${count}`,
  images: folder.size,
  classFolders: files,
  imageShape: folder.shape,
  batchSize: BATCH,
  cacheMegabytes: Number(values['cache-mb']),
  backend: runner.backend.name,
  generateSeconds,
  streamed,
  inMemory,
  stepTimeRatio: streamed.medianStepSeconds / inMemory.medianStepSeconds,
  decodeImagesPerSecond: inMemoryCount / decodeSeconds,
};
console.log(
  `streamed / in-memory median step time: ${imageFolderStream.stepTimeRatio.toFixed(3)}; decoding alone: ${imageFolderStream.decodeImagesPerSecond.toFixed(0)} images/s`,
);
appendFileSync(
  path.resolve('../../bench-results/image-folder-stream.jsonl'),
  `${JSON.stringify({ ...imageFolderStream, date: new Date().toISOString(), machine: machine() })}\n`,
);
