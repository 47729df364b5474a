#!/usr/bin/env node
// Writes the features a run's saved encoder gives every image of a data set, before the encoder's
// feature standardisation (`--standardize-features`), for offline studies of how the features are
// read (bench/feature-transforms.py): DIR.f32 (float32 rows), DIR.labels (int32), DIR.json (rows,
// width, and the standardisation's mean and variance over the pretraining images).
// Usage (after `pnpm build`): node bench/feature-dump.mjs --encoder RUN/encoder --out PREFIX
//   [--data DIR] (default MNIST's training digits; an IDX folder gives its train split)
import { Buffer } from 'node:buffer';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { selectBackend } from '@tessera/backends';
import { fromArrays, loadMnist, openImages } from '@tessera/data';
import { fileSystemHandler } from '@tessera/models/node';
import '@tessera/models'; // registers the grid poolings the encoder uses

const { values } = parseArgs({
  options: { encoder: { type: 'string' }, out: { type: 'string' }, data: { type: 'string' } },
});
if (!values.encoder || !values.out) throw new Error('give --encoder RUN/encoder and --out PREFIX');
await selectBackend({ force: 'wasm' });
const encoder = await tfl.loadLayersModel(fileSystemHandler(values.encoder));
const standardization = encoder.getLayer('feature_standardization');
const features = tfl.model({ inputs: encoder.inputs, outputs: standardization.input });
const source = values.data
  ? await openImages(values.data)
  : fromArrays(await loadMnist({ split: 'train' }));
const dim = features.outputs[0].shape.at(-1);
const rows = new Float32Array(source.size * dim);
for (let start = 0; start < source.size; start += 1000) {
  const batch = Int32Array.from(
    { length: Math.min(1000, source.size - start) },
    (_, i) => start + i,
  );
  const x = tf.tensor(await source.read(batch), [batch.length, ...source.shape]);
  const y = features.predict(x);
  rows.set(await y.data(), start * dim);
  tf.dispose([x, y]);
}
const [mean, variance] = standardization.getWeights().map((w) => Array.from(w.dataSync()));
writeFileSync(`${values.out}.f32`, Buffer.from(rows.buffer));
writeFileSync(`${values.out}.labels`, Buffer.from(Int32Array.from(source.labels).buffer));
writeFileSync(
  `${values.out}.json`,
  JSON.stringify({
    encoder: values.encoder,
    data: source.description,
    n: source.size,
    dim,
    mean,
    variance,
  }),
);
console.log(`${source.size} × ${dim} features of ${source.description} → ${values.out}.f32`);
