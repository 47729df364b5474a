import * as tf from '@tensorflow/tfjs-core';
import {
  batchAllReference,
  describeWithBackends,
  expectGoldenLoss,
  expectNoLeak,
  expectTensorClose,
  expectTrainsWithoutLeak,
  loadGolden,
  randomMatrix,
} from '@tessera/test-utils';
import { expect, it } from 'vitest';
import { batchAllTripletLoss } from './batch-all-triplet-loss';

const cases = loadGolden('triplet').cases.filter((c) => c.params!.kind === 'batch_all');

describeWithBackends('batchAllTripletLoss', () => {
  it.each(cases)('values and gradients match the reference: $name', (c) => {
    const margin = c.params!.margin as number;
    expectGoldenLoss({
      golden: c,
      intInputs: ['labels'],
      loss: ({ embeddings, labels }) =>
        batchAllTripletLoss(embeddings as tf.Tensor2D, labels as tf.Tensor1D, { margin }),
    });
  });

  it.each([31, 32])('agrees with a naive loop implementation (seed %i)', (seed) => {
    const e = randomMatrix(9, 4, seed);
    const labels = [0, 0, 0, 1, 1, 1, 2, 2, 2];
    const loss = batchAllTripletLoss(tf.tensor2d(e), labels, { margin: 0.5 });
    expectTensorClose(loss, [batchAllReference(e, labels, 0.5)], { rtol: 1e-4 });
    loss.dispose();
  });

  it('is 0, not NaN, when no triplet is active', () => {
    const e = tf.tensor2d([
      [0, 0],
      [0, 0.01],
      [10, 10],
      [10, 10.01],
    ]);
    const loss = batchAllTripletLoss(e, [0, 0, 1, 1], { margin: 0.1 });
    expect(loss.dataSync()[0]).toBe(0);
    tf.dispose([e, loss]);
  });

  it('throws: a label seen once', () => {
    expect(() => batchAllTripletLoss(tf.zeros([3, 2]) as tf.Tensor2D, [0, 0, 1])).toThrow(
      /^batchAllTripletLoss: labels must give every anchor a positive and a negative/,
    );
  });

  it('does not leak tensors, and trains with optimizer.minimize', async () => {
    const e = tf.tensor2d(randomMatrix(6, 3, 7));
    const labels = [0, 0, 1, 1, 2, 2];
    await expectNoLeak(() => batchAllTripletLoss(e, labels).dispose());
    expectTrainsWithoutLeak(
      ([x]) => batchAllTripletLoss(x as tf.Variable<tf.Rank.R2>, labels, { margin: 1 }),
      [e],
    );
    e.dispose();
  });
});
