#!/usr/bin/env node
// How much the main job's few-shot accuracy moves with where training stops and with the seed.
// The main job's recipe (SimCLR on all 60 000 MNIST digits, batch 256, Adam 1e-3, the default
// encoder seeded from the run seed as `tessera pretrain` does) is trained to each of --steps in
// turn — each leg resumes the last one's checkpoint, which continues the same trajectory — and
// scored after each leg by the main job's few-shot protocol (5-way 1- and 5-shot prototypes on
// test digits 5–9, 600 episodes, episode seed 12345). Compare with PyTorch's recipe at the same
// steps and seeds: tests/fixtures/reference/mnist_ssl/seed_spread.py.
// Usage (after `pnpm build`): node bench/fewshot-spread.mjs [--steps 360,400,440] [--seeds 0,1,2]
//   [--exact-crop] (torchvision's crop resampling) [--defaults pytorch] (PyTorch's initialisation and
//   ε's, `pretrain({ defaults: 'pytorch' })` as the main job runs it) [--knn-linear] (also the main
//   job's kNN and linear probe on all 10 000 test digits: ~1 min more per point)
// Appends one JSON line per seed and step to bench-results/fewshot-spread.jsonl.
import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadMnist } from '@tessera/data';
import { createRunner, mnistAugment } from '../dist/index.node.js';
import { mainJobEvaluation } from './main-job-fewshot.mjs';

const { values } = parseArgs({
  options: {
    steps: { type: 'string', default: '360,400,440' },
    seeds: { type: 'string', default: '0' },
    'exact-crop': { type: 'boolean', default: false },
    defaults: { type: 'string', default: 'tfjs' },
    'knn-linear': { type: 'boolean', default: false },
  },
});
if (!['tfjs', 'pytorch'].includes(values.defaults))
  throw new Error(`--defaults: 'tfjs' or 'pytorch'`);
const list = (text) => text.split(',').map(Number);
const steps = list(values.steps).sort((a, b) => a - b);
const seeds = list(values.seeds);
const outDir = path.resolve('../../bench-results');
mkdirSync(outDir, { recursive: true });
const outFile = path.join(outDir, 'fewshot-spread.jsonl');

const runner = await createRunner();
const train = await loadMnist({ split: 'train' });
const test = await loadMnist({ split: 'test' });
const pct = (x) => (100 * x).toFixed(2);
for (const seed of seeds) {
  const checkpointDir = mkdtempSync(path.join(tmpdir(), 'tessera-fewshot-spread-'));
  try {
    for (const [leg, maxSteps] of steps.entries()) {
      const result = await runner.pretrain({
        method: 'simclr',
        data: train,
        maxSteps,
        batchSize: 256,
        learningRate: 1e-3,
        seed,
        defaults: values.defaults,
        augment: mnistAugment({ exactCrop: values['exact-crop'] }),
        checkpointDir,
        checkpointEvery: 1_000_000,
        resume: leg > 0,
      });
      const { fewShot, knn, linear } = await mainJobEvaluation(
        runner,
        result.encoder,
        train,
        test,
        {
          withKnnLinear: values['knn-linear'],
        },
      );
      const [one, five] = fewShot;
      const line = {
        seed,
        step: result.steps,
        backend: runner.backend.name,
        exactCrop: values['exact-crop'],
        defaults: values.defaults,
        loss: result.losses.at(-1),
        shot1: Number(pct(one.mean)),
        shot1_ci: Number(pct(one.halfWidth)),
        shot5: Number(pct(five.mean)),
        shot5_ci: Number(pct(five.halfWidth)),
        ...(knn === undefined ? {} : { knn: Number(pct(knn)), linear: Number(pct(linear)) }),
      };
      appendFileSync(outFile, `${JSON.stringify(line)}\n`);
      console.log(
        `seed ${seed}, step ${line.step}: 5-way 1-shot ${line.shot1} ± ${line.shot1_ci}, 5-shot ${line.shot5} ± ${line.shot5_ci}` +
          (knn === undefined ? '' : `, kNN ${line.knn}, linear ${line.linear}`),
      );
      result.dispose();
    }
  } finally {
    rmSync(checkpointDir, { recursive: true, force: true });
  }
}
