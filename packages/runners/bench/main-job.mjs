#!/usr/bin/env node
// The main job's wall time, split: runs `tessera main` (SimCLR on MNIST for the budget, then the
// evaluation) from the built CLI exactly as `pnpm start` does, reads the run folder's train.json
// and evaluation.json, and adds `mainJob` to bench-results/runners.json (written just before by
// scripts/bench-record.mjs). `--budget 5m` by default, as the main job; TESSERA_BENCH_MAIN_BUDGET
// or `--budget` changes it. Never fails on a time.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { tunedMallocEnv } from '../../../scripts/tuned-malloc-env.mjs';

const { values } = parseArgs({ options: { budget: { type: 'string' } } });
const budget = values.budget ?? process.env.TESSERA_BENCH_MAIN_BUDGET ?? '5m';
const out = path.resolve('.bench/main-job');
const started = performance.now();
execFileSync(
  process.execPath,
  ['dist/cli.js', 'main', '--budget', budget, '--out', out, '--force'],
  // as `pnpm start` runs it: a malloc that reuses freed memory
  { stdio: 'inherit', env: tunedMallocEnv() },
);
const wallSeconds = (performance.now() - started) / 1000;
const train = JSON.parse(readFileSync(path.join(out, 'train.json'), 'utf8'));
const evaluation = JSON.parse(readFileSync(path.join(out, 'evaluation.json'), 'utf8'));
const mainJob = {
  command: `tessera main --budget ${budget}`,
  backend: train.backend,
  steps: train.steps,
  secondsPerStep: train.secondsPerStep,
  imagesPerSecond: train.imagesPerSecond,
  split: {
    data: train.timings.data,
    augmentation: train.timings.augment,
    forwardBackward: train.timings.step,
    evaluation: evaluation.seconds,
  },
  wallSeconds,
  table: evaluation.table,
};
const file = path.resolve('../../bench-results/runners.json');
const record = existsSync(file)
  ? JSON.parse(readFileSync(file, 'utf8'))
  : { package: '@tessera/runners', results: [] };
record.mainJob = mainJob;
writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
const s = mainJob.split;
console.log(
  `main job (${mainJob.command}, ${mainJob.backend}): ${mainJob.steps} steps, ${mainJob.secondsPerStep.toFixed(2)} s/step, ${mainJob.imagesPerSecond.toFixed(0)} images/s; ` +
    `data ${s.data.toFixed(1)} s, augmentation ${s.augmentation.toFixed(1)} s, forward/backward ${s.forwardBackward.toFixed(1)} s, evaluation ${s.evaluation.toFixed(1)} s, wall ${wallSeconds.toFixed(0)} s`,
);
