#!/usr/bin/env node
// Every pretraining method on real MNIST for a short budget, scored by kNN beside a random-init
// encoder of the same architecture measured in the same run (the table in the README).
// Usage (after `pnpm build`): node bench/method-table.mjs [--budget 45] [--batch 64] [--train 10000] [--test 2000] [--only a,b] [--method-options JSON] [--out runners-methods.json]
//   [--defaults tfjs|pytorch] (the framework defaults of `pretrain`, default TF.js's as the API's)
// With --only, the named rows replace theirs in an existing --out file of the same budget and sizes.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { loadMnist } from '@tessera/data';
import { createRunner, defaultEncoder, METHODS } from '../dist/index.node.js';

const { values } = parseArgs({
  options: {
    budget: { type: 'string', default: '45' },
    train: { type: 'string', default: '10000' },
    test: { type: 'string', default: '2000' },
    only: { type: 'string' },
    batch: { type: 'string', default: '64' },
    'method-options': { type: 'string' },
    out: { type: 'string', default: 'runners-methods.json' },
    defaults: { type: 'string', default: 'tfjs' },
  },
});
if (!['tfjs', 'pytorch'].includes(values.defaults))
  throw new Error(`--defaults: 'tfjs' or 'pytorch'`);
const budget = Number(values.budget);
const runner = await createRunner();
const train = await loadMnist({ split: 'train', limit: Number(values.train) });
const test = await loadMnist({ split: 'test', limit: Number(values.test) });
const names = values.only ? values.only.split(',') : Object.keys(METHODS);
const rows = [];
for (const name of names) {
  const started = performance.now();
  // Methods that train the run's encoder start from this one; its initial weights, copied, are
  // the random-init baseline (the run's own starting point). The others (autoencoder, vae, gan,
  // cpc) build their own networks: their baseline is a fresh copy of the representation's
  // architecture. Seeded, so every method that trains the encoder starts from the same weights.
  const encoder = METHODS[name].usesEncoder
    ? defaultEncoder({ seed: 0, defaults: values.defaults })
    : undefined;
  const initial = encoder
    ? encoder.constructor.fromConfig(encoder.constructor, encoder.getConfig())
    : undefined;
  initial?.setWeights(encoder.getWeights());
  try {
    const run = await runner.pretrain({
      method: name,
      ...(encoder ? { encoder } : {}),
      data: train,
      budgetSeconds: budget,
      batchSize: Number(values.batch),
      ...(values['method-options'] ? { methodOptions: JSON.parse(values['method-options']) } : {}),
      seed: 0,
      defaults: values.defaults,
    });
    const { rows: scores } = await runner.evaluateRepresentation({
      encoder: run.encoder,
      train,
      test,
      protocols: ['knn'],
      baselines: ['random-init'],
      ...(initial ? { randomInit: initial } : {}),
    });
    const [mine, random] = scores;
    const row = {
      method: name,
      family: METHODS[name].family,
      steps: run.steps,
      trainSeconds: Math.round(run.trainSeconds),
      finalLoss: run.losses.slice(-5).reduce((a, b) => a + b, 0) / Math.min(5, run.losses.length),
      knn: mine.knn,
      randomInitKnn: random.knn,
      gain: mine.knn - random.knn,
      baseline: initial ? 'the encoder it started from' : 'a fresh copy of the architecture',
      wallSeconds: Math.round((performance.now() - started) / 1000),
    };
    rows.push(row);
    run.dispose();
    console.error(
      `${name}: ${row.steps} steps, kNN ${(100 * row.knn).toFixed(2)} % vs random init ${(100 * row.randomInitKnn).toFixed(2)} % (${row.gain >= 0 ? '+' : ''}${(100 * row.gain).toFixed(2)})`,
    );
  } catch (error) {
    rows.push({ method: name, family: METHODS[name].family, error: String(error) });
    console.error(`${name}: failed: ${error}`);
  } finally {
    encoder?.dispose();
    initial?.dispose();
  }
}
mkdirSync('../../bench-results', { recursive: true });
const outPath = `../../bench-results/${values.out}`;
const table = {
  budgetSeconds: budget,
  trainImages: train.labels.length,
  testImages: test.labels.length,
  defaults: values.defaults,
  backend: runner.backend?.name,
  rows,
};
if (values.only && existsSync(outPath)) {
  const old = JSON.parse(readFileSync(outPath, 'utf8'));
  // files written before --defaults existed were measured under TF.js's
  const oldSettings = { defaults: 'tfjs', ...old };
  const same = ['budgetSeconds', 'trainImages', 'testImages', 'defaults'].every(
    (k) => oldSettings[k] === table[k],
  );
  if (same) {
    const fresh = new Map(rows.map((r) => [r.method, r]));
    const kept = old.rows.filter((r) => !fresh.has(r.method));
    const order = Object.keys(METHODS);
    table.rows = [...kept, ...rows].sort(
      (a, b) => order.indexOf(a.method) - order.indexOf(b.method),
    );
  }
}
writeFileSync(outPath, `${JSON.stringify(table, null, 2)}\n`);
console.log('| method | family | steps | kNN % | random-init kNN % | gain |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const r of table.rows.filter((row) => row.error === undefined))
  console.log(
    `| \`${r.method}\` | ${r.family} | ${r.steps} | ${(100 * r.knn).toFixed(2)} | ${(100 * r.randomInitKnn).toFixed(2)} | ${r.gain >= 0 ? '+' : ''}${(100 * r.gain).toFixed(2)} |`,
  );
