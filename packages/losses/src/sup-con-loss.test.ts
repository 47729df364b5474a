import * as tf from '@tensorflow/tfjs-core';
import {
  describeWithBackends,
  expectGoldenLoss,
  expectNoLeak,
  expectTensorClose,
  expectTrainsWithoutLeak,
  loadGolden,
  randomMatrix,
  supConReference,
} from '@tessera/test-utils';
import { expect, it } from 'vitest';
import { ntXentLoss } from './nt-xent-loss';
import { supConLoss } from './sup-con-loss';

const golden = loadGolden('supcon');
const toViews = (rows: number[][], views: number, dim: number) =>
  rows.map((r) => Array.from({ length: views }, (_, v) => r.slice(v * dim, (v + 1) * dim)));

describeWithBackends('supConLoss', () => {
  it.each(golden.cases)('values and gradients match the reference: $name', (c) => {
    const { temperature, base_temperature } = c.params as {
      temperature: number;
      base_temperature: number;
    };
    expectGoldenLoss({
      golden: c,
      intInputs: ['labels'],
      loss: ({ features, labels }) =>
        supConLoss(features as tf.Tensor3D, labels as tf.Tensor1D, {
          temperature,
          baseTemperature: base_temperature,
        }),
      rtol: temperature <= 0.05 ? 1e-3 : 1e-4,
    });
  });

  it('equals ntXentLoss with unique labels and two views', () => {
    const a = randomMatrix(5, 6, 3);
    const b = randomMatrix(5, 6, 4);
    const features = tf.tensor3d(a.map((r, i) => [r, b[i]!]));
    const sup = supConLoss(features, [0, 1, 2, 3, 4], { temperature: 0.2, baseTemperature: 0.2 });
    const nt = ntXentLoss(tf.tensor2d(a), tf.tensor2d(b), { temperature: 0.2 });
    expectTensorClose(sup, nt.dataSync() as Float32Array, { rtol: 1e-5 });
    tf.dispose([features, sup, nt]);
  });

  it.each([5, 6])('agrees with a naive loop implementation (seed %i)', (seed) => {
    const feats = toViews(randomMatrix(8, 2 * 4, seed), 2, 4);
    const labels = [0, 1, 0, 2, 1, 2, 2, 0];
    const loss = supConLoss(tf.tensor3d(feats), labels, {
      temperature: 0.1,
      baseTemperature: 0.07,
    });
    expectTensorClose(loss, [supConReference(feats, labels, 0.1, 0.07)], { rtol: 1e-4 });
    loss.dispose();
  });

  it('agrees with the loops for three views, scattered label values and a label seen once', () => {
    // 30 samples × 3 views at τ 0.07: classes of 1 (label 99: its positives are its other views)
    // up to 10 samples, label values far apart
    const labels = Array.from({ length: 30 }, (_, i) => [-4, 1_000, 7][i % 3]!);
    labels[13] = 99;
    const feats = toViews(randomMatrix(30, 3 * 16, 9), 3, 16);
    const loss = supConLoss(tf.tensor3d(feats), labels);
    expectTensorClose(loss, [supConReference(feats, labels, 0.07, 0.07)], { rtol: 1e-4 });
    loss.dispose();
  });

  it('throws: an anchor with no positive, bad labels, bad shapes', () => {
    const f1 = tf.zeros([3, 1, 4]) as tf.Tensor3D;
    expect(() => supConLoss(f1, [0, 0, 1])).toThrow(
      /^supConLoss: labels must give every anchor a positive, got label 1 only once with 1 view\(s\)\.$/,
    );
    expect(() => supConLoss(f1, [0, 0])).toThrow(
      /^supConLoss: labels must have shape \[3\] \(one per row\), got 2 values\.$/,
    );
    expect(() => supConLoss(f1, [0, 0.5, 1])).toThrow(
      /supConLoss: labels must contain only int32 integers, got 0\.5/,
    );
    expect(() => supConLoss(tf.zeros([3, 4]) as never, [0, 0, 1])).toThrow(
      /^supConLoss: features must be rank 3/,
    );
    f1.dispose();
  });

  it('does not leak tensors, and trains with optimizer.minimize', async () => {
    const f = tf.tensor3d(toViews(randomMatrix(6, 8, 9), 2, 4));
    const labels = [0, 0, 1, 1, 2, 2];
    await expectNoLeak(() => supConLoss(f, labels).dispose());
    expectTrainsWithoutLeak(
      ([x]) => supConLoss(x as tf.Variable<tf.Rank.R3>, labels, { temperature: 0.5 }) as tf.Scalar,
      [f],
    );
    f.dispose();
  });
});
