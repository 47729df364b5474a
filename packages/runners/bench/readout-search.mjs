#!/usr/bin/env node
// Screens how a trained encoder's last pooling is read out — each grid cell's average (as it was
// trained) or its max (`withGridPool`) — on the validation split of recipe-search.mjs: the
// encoder saved by `recipe-search.mjs --save DIR` (or a run folder's encoder/), its features
// standardised over 10 000 pretraining images (training images 0–49 999, or those of digits 0–4
// with --held-out), as `tessera main` does; kNN and the probe fitted on images 0–49 999 and scored
// on 50 000–59 999; 5-way 1-/5-shot episodes on that split's digits 5–9. The test set is never
// read. One JSON line per readout goes to bench-results/readout-search.jsonl.
// Usage (after `pnpm build`): node bench/readout-search.mjs --encoder DIR [--held-out]
//   [--label NAME] [--readouts average,max] [--raw]
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import * as tfl from '@tensorflow/tfjs-layers';
import { withGridPool } from '@tessera/models';
import { fileSystemHandler } from '@tessera/models/node';
import { machine } from '../../../scripts/machine.mjs';
import { FEW_SHOT, validationSplit } from './validation-split.mjs';
import { createRunner, standardizeFeatures } from '../dist/index.node.js';

const { values } = parseArgs({
  options: {
    encoder: { type: 'string' },
    'held-out': { type: 'boolean', default: false },
    label: { type: 'string', default: '' },
    readouts: { type: 'string', default: 'average,max' },
    // score the features as the encoder gives them, without the standardisation
    raw: { type: 'boolean', default: false },
  },
});
if (!values.encoder) throw new Error('readout-search: --encoder DIR is required');

const runner = await createRunner({ backend: 'wasm' });
const { fit, val, pretrainData } = await validationSplit({ heldOut: values['held-out'] });
const saved = await tfl.loadLayersModel(fileSystemHandler(values.encoder));
const out = path.resolve('../../bench-results');
mkdirSync(out, { recursive: true });
for (const readout of values.readouts.split(',')) {
  const t0 = performance.now();
  const read = withGridPool(saved, readout);
  const encoder = values.raw ? read : await standardizeFeatures(read, pretrainData);
  const { rows } = await runner.evaluateRepresentation({
    encoder,
    train: fit,
    test: val,
    protocols: ['knn', 'linear', 'few-shot'],
    baselines: [],
    fewShot: FEW_SHOT,
  });
  const r = rows[0];
  const line = {
    label: values.label,
    encoder: values.encoder,
    readout,
    standardized: !values.raw,
    heldOut: values['held-out'],
    dim: r.dim,
    knn: r.knn,
    linear: r.linear,
    oneShot: r.fewShot?.[0]?.mean,
    fiveShot: r.fewShot?.[1]?.mean,
    seconds: (performance.now() - t0) / 1000,
    date: new Date().toISOString(),
    machine: machine(),
  };
  const pct = (x) => (100 * x).toFixed(2);
  console.log(
    `${values.label} ${readout}${values.raw ? ' (raw)' : ''}: kNN ${pct(line.knn)} linear ${pct(line.linear)} 1-shot ${pct(line.oneShot)} 5-shot ${pct(line.fiveShot)}`,
  );
  appendFileSync(path.join(out, 'readout-search.jsonl'), `${JSON.stringify(line)}\n`);
}
