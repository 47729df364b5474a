#!/usr/bin/env node
// Screens pretraining recipes for the main job on a validation split carved from the training
// digits: pretraining sees the first 50 000 training images (or, with --held-out, those of digits
// 0–4 among them); kNN and the linear probe are fitted on the same 50 000 and scored on the last
// 10 000 training images; few-shot episodes (5-way 1/5-shot, 600 each) are drawn from the
// validation digits 5–9. The test set is never read. One JSON line per run goes to
// bench-results/recipe-search.jsonl.
// Usage (after `pnpm build`): node bench/recipe-search.mjs --recipe '{"grid":2}' [--steps N |
//   --budget 300] [--seed 0] [--held-out] [--protocols knn,linear,few-shot] [--save DIR]
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { machine } from '../../../scripts/machine.mjs';
import { RECIPE_DEFAULTS } from './recipe-defaults.mjs';
import { performance } from 'node:perf_hooks';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import {
  compose,
  randomApply,
  randomBrightness,
  randomContrast,
  randomResizedCrop,
  randomRotation,
} from '@tessera/augment';
import { convEncoder } from '@tessera/models';
import { fileSystemHandler } from '@tessera/models/node';
import { FEW_SHOT, validationSplit } from './validation-split.mjs';
import { createRunner } from '../dist/index.node.js';

const { values } = parseArgs({
  options: {
    recipe: { type: 'string', default: '{}' },
    steps: { type: 'string' },
    budget: { type: 'string' },
    seed: { type: 'string', default: '0' },
    'held-out': { type: 'boolean', default: false },
    protocols: { type: 'string', default: 'knn,linear,few-shot' },
    label: { type: 'string', default: '' },
    pixels: { type: 'boolean', default: false },
    // a folder to save the trained encoder in (tfjs-layers format), for analysis
    save: { type: 'string' },
  },
});
const recipe = { ...RECIPE_DEFAULTS, ...JSON.parse(values.recipe) };
const seed = Number(values.seed);

const runner = await createRunner({ backend: 'wasm' });
const { fit, val, pretrainData } = await validationSplit({ heldOut: values['held-out'] });
// statistics from the pretraining images, not constants of a data set
let sum = 0;
let sq = 0;
for (const v of pretrainData.images) {
  sum += v;
  sq += v * v;
}
const mean = sum / pretrainData.images.length;
const std = Math.sqrt(sq / pretrainData.images.length - mean * mean);

// viewSize: crops resampled to viewSize² for training (cheaper steps, more of them), the encoder
// evaluated on whole 28×28 images (its convolutions and grid pooling take any size)
const inShape = recipe.viewSize ? [null, null, 1] : [28, 28, 1];
const input = tfl.input({ shape: inShape });
const scaled = tfl.layers.rescaling({ scale: 1 / std, offset: -mean / std }).apply(input);
const body = tf.tidy(() =>
  convEncoder({
    inputShape: [28, 28, 1],
    filters: recipe.filters,
    downsample: recipe.downsample,
    grid: recipe.grid,
    gridPool: recipe.gridPool,
    batchNormMomentum: 0.9,
    batchNormEpsilon: 1e-5,
    init: 'pytorch',
  }),
);
const pools = body.layers.filter((l) => l.getClassName() === 'MaxPooling2D');
const GridPool =
  tf.serialization.SerializationMap.getMap().classNameMap.TesseraGridAveragePooling2D[0];
let outputs;
if (recipe.multiLayer) {
  const [mid, last] = tfl
    .model({ inputs: body.inputs, outputs: [pools[1].output, body.outputs[0]] })
    .apply(scaled);
  outputs = tfl.layers.concatenate().apply([new GridPool({ grid: recipe.grid }).apply(mid), last]);
} else outputs = body.apply(scaled);
const encoder = tfl.model({ inputs: input, outputs, name: 'encoder' });
const augment = compose([
  randomResizedCrop({
    size: [recipe.viewSize ?? 28, recipe.viewSize ?? 28],
    scale: [recipe.cropScale, 1],
    ratio: [3 / 4, 4 / 3],
  }),
  randomRotation({ degrees: recipe.degrees, interpolation: 'bilinear' }),
  randomApply(
    compose([
      randomBrightness({ factor: recipe.jitter }),
      randomContrast({ factor: recipe.jitter }),
    ]),
    { p: 0.8 },
  ),
]);
const started = performance.now();
// --pixels: no training; the representation is the flattened image
const run = values.pixels
  ? {
      encoder: tfl.sequential({ layers: [tfl.layers.flatten({ inputShape: [28, 28, 1] })] }),
      steps: 0,
      trainSeconds: 0,
      losses: [0],
      dispose() {},
    }
  : await runner.pretrain({
      method: recipe.method,
      methodOptions:
        recipe.method === 'simclr'
          ? {
              temperature: recipe.temperature,
              projectionDim: recipe.projectionDim,
              ...recipe.methodOptions,
            }
          : recipe.methodOptions,
      data: pretrainData,
      encoder,
      augment,
      batchSize: recipe.batchSize,
      learningRate: recipe.lr,
      learningRateSchedule: recipe.schedule,
      warmupSteps: recipe.warmup,
      seed,
      defaults: 'pytorch',
      ...(values.steps
        ? { maxSteps: Number(values.steps) }
        : { budgetSeconds: Number(values.budget ?? 300) }),
      onProgress: (e) => {
        if (e.type === 'step' && e.step % 50 === 0)
          console.error(
            `step ${e.step} loss ${e.loss.toFixed(3)} ${e.elapsedSeconds.toFixed(0)} s`,
          );
      },
    });
const trainWall = (performance.now() - started) / 1000;
if (values.save) await run.encoder.save(fileSystemHandler(values.save));
const t0 = performance.now();
const skip = values.protocols === 'none';
const { rows } = skip
  ? { rows: [{ dim: run.encoder.outputs[0].shape[1] }] }
  : await runner.evaluateRepresentation({
      encoder: run.encoder,
      train: fit,
      test: val,
      protocols: values.protocols.split(','),
      baselines: [],
      fewShot: FEW_SHOT,
    });
const r = rows[0];
const line = {
  label: values.label,
  recipe,
  seed,
  heldOut: values['held-out'],
  steps: run.steps,
  trainSeconds: run.trainSeconds,
  secondsPerStep: run.trainSeconds / run.steps,
  trainWall,
  evalSeconds: (performance.now() - t0) / 1000,
  dim: r.dim,
  knn: r.knn,
  linear: r.linear,
  oneShot: r.fewShot?.[0]?.mean,
  fiveShot: r.fewShot?.[1]?.mean,
  finalLoss: run.losses.slice(-10).reduce((a, b) => a + b, 0) / 10,
  date: new Date().toISOString(),
  machine: machine(),
};
const pct = (x) => (x === undefined ? '–' : (100 * x).toFixed(2));
console.log(
  `${values.label} steps ${line.steps} (${line.secondsPerStep.toFixed(2)} s/step) dim ${line.dim}: kNN ${pct(line.knn)} linear ${pct(line.linear)} 1-shot ${pct(line.oneShot)} 5-shot ${pct(line.fiveShot)} (eval ${line.evalSeconds.toFixed(0)} s)`,
);
const out = path.resolve('../../bench-results');
mkdirSync(out, { recursive: true });
if (!skip) appendFileSync(path.join(out, 'recipe-search.jsonl'), `${JSON.stringify(line)}\n`);
run.dispose();
