#!/usr/bin/env node
// The main job over several seeds, as `pnpm start` runs it: `tessera main --seed S` from the built
// CLI (300 s of training by default, then the evaluation on the test digits), one run at a time —
// run it alone on the machine: the budget is wall-clock training time. Appends one JSON line per
// seed to bench-results/main-job.jsonl (steps, the table's numbers, the evaluation's time split)
// and prints the mean ± standard deviation of each column.
// Usage (after `pnpm build`): node bench/main-job-seeds.mjs [--seeds 0,1,2] [--budget 5m]
//   [--steps N] [--held-out] [--recipe grid|reference] [--data DIR [--label NAME]]
// --data runs `tessera main --data DIR` (e.g. Fashion-MNIST from bench/fashion-mnist-idx.py);
// --label names that data in the JSON lines (default: the folder's name).
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { machine } from '../../../scripts/machine.mjs';
import { reusesFreedMemory, tunedMallocEnv } from '../../../scripts/tuned-malloc-env.mjs';

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '0,1,2' },
    budget: { type: 'string', default: '5m' },
    // a number of steps instead of the budget (Tessera at the PyTorch reference's step count)
    steps: { type: 'string' },
    'held-out': { type: 'boolean', default: false },
    recipe: { type: 'string', default: 'grid' },
    data: { type: 'string' },
    label: { type: 'string' },
  },
});
const data = values.data ? path.resolve(values.data) : undefined;
const dataName = values.label ?? (data ? path.basename(data) : 'mnist');
const outDir = path.resolve('../../bench-results');
mkdirSync(outDir, { recursive: true });
// `tessera main` as `pnpm start` runs it
const env = tunedMallocEnv();
const lines = [];
for (const seed of values.seeds.split(',').map(Number)) {
  const out = path.join(tmpdir(), `tessera-main-seed-${seed}`);
  const args = ['dist/cli.js', 'main', '--seed', String(seed)];
  args.push(...(values.steps ? ['--steps', values.steps] : ['--budget', values.budget]));
  args.push('--recipe', values.recipe, '--out', out, '--force');
  if (values['held-out']) args.push('--held-out');
  if (data) args.push('--data', data);
  execFileSync(process.execPath, args, { stdio: 'inherit', env });
  const train = JSON.parse(readFileSync(path.join(out, 'train.json'), 'utf8'));
  const evaluation = JSON.parse(readFileSync(path.join(out, 'evaluation.json'), 'utf8'));
  const config = JSON.parse(readFileSync(path.join(out, 'config.json'), 'utf8'));
  const row = (name) => evaluation.rows.find((r) => r.name === name);
  const scores = (r) => ({
    knn: r.knn,
    linear: r.linear,
    oneShot: r.fewShot?.[0]?.mean,
    fiveShot: r.fewShot?.[1]?.mean,
  });
  const line = {
    command: `tessera main ${args.slice(2).join(' ')}`,
    seed,
    data: dataName,
    recipe: values.recipe,
    heldOut: values['held-out'],
    standardizeFeatures: Boolean(config.standardizeFeatures),
    powerReadout: Boolean(config.powerReadout),
    probePower: Boolean(config.probePower),
    readoutPool: config.readoutPool ?? null,
    probeMean: Boolean(config.probeMean),
    probePreviousStage: Boolean(config.probePreviousStage),
    fewShotProtocol: evaluation.fewShotProtocol,
    linearProbe: evaluation.linearProbe ?? null,
    backend: train.backend,
    // as `pnpm start` runs it: a malloc that reuses freed memory (scripts/tuned-malloc-env.mjs)
    mallocReusesFreed: reusesFreedMemory(env),
    steps: train.steps,
    trainSeconds: train.trainSeconds,
    evaluationSeconds: evaluation.seconds,
    evaluationSplit: Object.fromEntries(evaluation.rows.map((r) => [r.name, r.seconds])),
    pretrained: scores(row('pretrained')),
    randomInit: scores(row('random-init')),
    rawPixels: scores(row('raw-pixels')),
    date: new Date().toISOString(),
    machine: machine(),
  };
  appendFileSync(path.join(outDir, 'main-job.jsonl'), `${JSON.stringify(line)}\n`);
  lines.push(line);
}
const stat = (xs) => {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, xs.length - 1));
  return `${(100 * m).toFixed(2)} ± ${(100 * sd).toFixed(2)}`;
};
for (const rep of ['pretrained', 'randomInit', 'rawPixels']) {
  const cols = ['knn', 'linear', 'oneShot', 'fiveShot'].map((k) =>
    stat(lines.map((l) => l[rep][k])),
  );
  console.log(
    `${rep.padEnd(11)} kNN ${cols[0]}  linear ${cols[1]}  1-shot ${cols[2]}  5-shot ${cols[3]}`,
  );
}
const ev = lines.map((l) => l.evaluationSeconds);
console.log(
  `steps ${lines.map((l) => l.steps).join(', ')}; evaluation ${ev.map((s) => s.toFixed(0)).join(', ')} s`,
);
