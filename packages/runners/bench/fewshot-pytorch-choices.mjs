#!/usr/bin/env node
// The main job's few-shot protocol after 400 SimCLR steps, with PyTorch's choices in place of
// TF.js's, piece by piece: the reference's convolution initialisation (CONV=pt: U(±1/√fan_in)),
// its projection-head initialisation (HEAD=pt: weights and biases U(±1/√fan_in), head batch-norm
// momentum 0.1 as PyTorch counts it), batch-norm ε in the encoder (BN_EPS) and the head (HEAD_EPS),
// Adam's ε (ADAM_EPS). Defaults are Tessera's (tfjs, tfjs, 1e-3, 1e-3, 1e-7): with them the run is
// the main job's (the same initial encoder as `defaultEncoder({ seed })` in `pretrain`).
// Usage (after `pnpm build`): CONV=pt HEAD=pt BN_EPS=1e-5 HEAD_EPS=1e-5 ADAM_EPS=1e-8 SEEDS=0,1,2 \
//   node bench/fewshot-pytorch-choices.mjs   (one JSON line per seed, also appended to
//   bench-results/fewshot-pytorch-choices.jsonl). Compare with tests/fixtures/reference/mnist_ssl/seed_spread.py.
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { createRng, withSeededRandom } from '@tessera/core';
import { loadMnist } from '@tessera/data';
import { convEncoder } from '@tessera/models';
import { createRunner, METHODS } from '../dist/index.node.js';
import { mainJobFewShot } from './main-job-fewshot.mjs';
const env = process.env;
const conv = env.CONV ?? 'tfjs',
  head = env.HEAD ?? 'tfjs';
const bnEps = Number(env.BN_EPS ?? '1e-3'),
  headEps = Number(env.HEAD_EPS ?? '1e-3'),
  adamEps = Number(env.ADAM_EPS ?? '1e-7');
const seeds = (env.SEEDS ?? '0').split(',').map(Number);
function deriveSeed(seed, counter, salt = 0) {
  let h = (Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(counter | 0, 0x85ebca6b) ^ salt) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
const encoderOf = (seed) =>
  withSeededRandom(deriveSeed(seed, 0, 0x1417), () => {
    const input = tfl.input({ shape: [28, 28, 1] });
    const scaled = tfl.layers
      .rescaling({ scale: 1 / 0.3081, offset: -0.1307 / 0.3081 })
      .apply(input);
    const body = convEncoder({
      inputShape: [28, 28, 1],
      filters: [32, 64, 128],
      batchNormMomentum: 0.9,
      batchNormEpsilon: bnEps,
      ...(conv === 'pt'
        ? {
            kernelInitializer: tfl.initializers.varianceScaling({
              scale: 1 / 3,
              mode: 'fanIn',
              distribution: 'uniform',
            }),
          }
        : {}),
    });
    return tfl.model({ inputs: input, outputs: body.apply(scaled), name: 'encoder' });
  });
const simclrPt = (seed) => ({
  ...METHODS.simclr,
  create(context, options) {
    const run = METHODS.simclr.create(context, options);
    const rng = createRng(deriveSeed(seed, 9, 0x4ead));
    for (const layer of run.models.head.layers) {
      if (layer.getClassName() === 'BatchNormalization') {
        layer.epsilon = headEps;
        if (head === 'pt') layer.momentum = 0.9;
      }
      if (head === 'pt' && layer.getClassName() === 'Dense') {
        const ws = layer.getWeights();
        const fanIn = ws[0].shape[0];
        const b = 1 / Math.sqrt(fanIn);
        layer.setWeights(
          ws.map((w) =>
            tf.tensor(
              Float32Array.from({ length: w.size }, () => rng.uniform(-b, b)),
              w.shape,
            ),
          ),
        );
      }
    }
    return run;
  },
});
const outDir = path.resolve('../../bench-results');
mkdirSync(outDir, { recursive: true });
const outFile = path.join(outDir, 'fewshot-pytorch-choices.jsonl');
const runner = await createRunner();
const train = await loadMnist({ split: 'train' });
const test = await loadMnist({ split: 'test' });
for (const seed of seeds) {
  const result = await runner.pretrain({
    method: simclrPt(seed),
    data: train,
    maxSteps: Number(env.MAX_STEPS ?? '400'),
    batchSize: 256,
    learningRate: 1e-3,
    seed,
    encoder: encoderOf(seed),
    optimizer: (lr) => tf.train.adam(lr, 0.9, 0.999, adamEps),
  });
  const [one, five] = await mainJobFewShot(runner, result.encoder, train, test);
  const line = JSON.stringify({
    seed,
    conv,
    head,
    bnEps,
    headEps,
    adamEps,
    step: result.steps,
    loss: result.losses.at(-1),
    shot1: +(100 * one.mean).toFixed(2),
    shot5: +(100 * five.mean).toFixed(2),
  });
  console.log(line);
  appendFileSync(outFile, `${line}\n`);
  result.dispose();
}
