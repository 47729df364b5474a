#!/usr/bin/env node
// Screens the linear probe's L2 penalty on the validation split of recipe-search.mjs, with the
// main job's evaluation code (evaluateRepresentation, protocol 'linear'): a trained encoder saved
// by `recipe-search.mjs --save DIR` read out as `tessera main` reads it (grid cells by max, features
// standardised over 10 000 pretraining images), a randomly initialised encoder of the same
// architecture read out alike, and raw pixels. The probe is fitted on training images 0–49 999 and
// scored on 50 000–59 999; the test set is never read. One JSON line per (representation, λ) goes
// to bench-results/probe-search.jsonl.
// With --probe-mean the two networks also append their last map's channel means for the probe
// (`withGridPool(…, { appendMean: true })`, as `tessera main` reads them), and --skip-pixels
// leaves raw pixels out (their probe does not change). --probe-previous-stage appends the previous
// stage's cells and means too (`appendPreviousStage`, as `tessera main` reads them), and
// --probe-power reads both networks as `tessera main` now does: every feature square-rooted in
// place (`withPowerReadout(…, { replace: true })`), nothing standardised. --protocols
// linear,knn,few-shot also scores kNN and the few-shot episodes as `tessera main` does (on the
// grid cells; the appended features go to the probe only), once per λ.
// Usage (after `pnpm build`): node bench/probe-search.mjs --encoder DIR [--held-out]
//   [--weight-decays 2e-5,1e-4,...] [--probe-mean] [--probe-previous-stage] [--skip-pixels]
//   [--max-iterations N] [--probe-power] [--protocols linear,knn,few-shot] [--label NAME]
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import * as tfl from '@tensorflow/tfjs-layers';
import { imageStatistics } from '@tessera/data';
import { withGridPool, withPowerReadout } from '@tessera/models';
import { fileSystemHandler } from '@tessera/models/node';
import { machine } from '../../../scripts/machine.mjs';
import { FEW_SHOT, validationSplit } from './validation-split.mjs';
import {
  createRunner,
  defaultEncoder,
  standardization,
  standardizeFeatures,
} from '../dist/index.node.js';

const { values } = parseArgs({
  options: {
    encoder: { type: 'string' },
    'held-out': { type: 'boolean', default: false },
    'weight-decays': { type: 'string', default: '2e-5,1e-4,3e-4,1e-3,2e-3,5e-3,1e-2' },
    'probe-mean': { type: 'boolean', default: false },
    'probe-previous-stage': { type: 'boolean', default: false },
    'probe-power': { type: 'boolean', default: false },
    // L-BFGS iterations at most (the main job's default: 100)
    'max-iterations': { type: 'string', default: '100' },
    'skip-pixels': { type: 'boolean', default: false },
    label: { type: 'string', default: '' },
    protocols: { type: 'string', default: 'linear' },
  },
});
if (!values.encoder) throw new Error('probe-search: --encoder DIR is required');

const runner = await createRunner({ backend: 'wasm' });
const { fit, val, pretrainData } = await validationSplit({ heldOut: values['held-out'] });
const saved = await tfl.loadLayersModel(fileSystemHandler(values.encoder));
const appendMean = values['probe-mean'];
const appendPreviousStage = values['probe-previous-stage'];
const readout = { appendMean, appendPreviousStage };
const probePower = values['probe-power'];
const readOut = (model) =>
  probePower
    ? withPowerReadout(withGridPool(model, 'max', readout), { replace: true })
    : standardizeFeatures(withGridPool(model, 'max', readout), pretrainData);
const encoder = await readOut(saved);
const initial = defaultEncoder({
  inputShape: [28, 28, 1],
  normalize: standardization(imageStatistics(pretrainData)),
  downsample: [0, 1],
  grid: 2,
  defaults: 'pytorch',
  seed: 0,
});
const randomInit = await readOut(initial);
const maxIterations = Number(values['max-iterations']);
const protocols = values.protocols.split(',');
// kNN and the episodes read the grid cells; what the readout appends is the probe's alone
const cells = withGridPool(saved, 'max').outputs[0].shape[1];
const probeOnlyFeatures = encoder.outputs[0].shape[1] - cells;
const out = path.resolve('../../bench-results');
mkdirSync(out, { recursive: true });
for (const weightDecay of values['weight-decays'].split(',').map(Number)) {
  const t0 = performance.now();
  const { rows } = await runner.evaluateRepresentation({
    encoder,
    randomInit,
    train: fit,
    test: val,
    protocols,
    baselines: values['skip-pixels'] ? ['random-init'] : ['random-init', 'raw-pixels'],
    linear: { weightDecay, maxIterations },
    fewShot: FEW_SHOT,
    ...(probeOnlyFeatures > 0 ? { probeOnlyFeatures } : {}),
  });
  const seconds = (performance.now() - t0) / 1000;
  for (const r of rows) {
    const line = {
      label: values.label,
      encoder: values.encoder,
      representation: r.name,
      heldOut: values['held-out'],
      probeMean: appendMean,
      probePreviousStage: appendPreviousStage,
      probePower,
      weightDecay,
      maxIterations,
      dim: r.dim,
      linear: r.linear,
      ...(protocols.includes('knn') ? { knn: r.knn } : {}),
      ...(protocols.includes('few-shot')
        ? { oneShot: r.fewShot?.[0]?.mean, fiveShot: r.fewShot?.[1]?.mean }
        : {}),
      seconds,
      date: new Date().toISOString(),
      machine: machine(),
    };
    const pct = (x) => (x === undefined ? '–' : (100 * x).toFixed(2));
    console.log(
      `${values.label} λ ${weightDecay} ${r.name}: linear ${pct(line.linear)} kNN ${pct(line.knn)} 1-shot ${pct(line.oneShot)} 5-shot ${pct(line.fiveShot)}`,
    );
    appendFileSync(path.join(out, 'probe-search.jsonl'), `${JSON.stringify(line)}\n`);
  }
}
