import * as tf from '@tensorflow/tfjs-core';
import {
  describeWithBackends,
  expectGoldenLoss,
  expectNoLeak,
  expectTrainsWithoutLeak,
  loadGolden,
  randomMatrix,
} from '@tessera/test-utils';
import { expect, it } from 'vitest';
import { infoNceLoss } from './info-nce-loss';

describeWithBackends('infoNceLoss', () => {
  it.each(loadGolden('infonce_moco').cases)('values and gradients match PyTorch: $name', (c) => {
    const { temperature, normalize } = c.params as { temperature: number; normalize: boolean };
    const hard = temperature <= 0.05 || c.name.startsWith('large_logits');
    expectGoldenLoss({
      golden: c,
      loss: ({ q, k_pos, negatives }) =>
        infoNceLoss(q as tf.Tensor2D, k_pos as tf.Tensor2D, negatives as tf.Tensor2D, {
          temperature,
          normalize,
        }),
      rtol: hard ? 1e-3 : 1e-4,
    });
  });

  it('throws: mismatched dims, no negatives, bad temperature', () => {
    const q = tf.zeros([4, 8]) as tf.Tensor2D;
    expect(() => infoNceLoss(q, q, tf.zeros([16, 6]) as tf.Tensor2D)).toThrow(
      /^infoNceLoss: negatives must have shape \[numNegatives >= 1, 8\], got \[16,6\]\.$/,
    );
    expect(() => infoNceLoss(q, q, tf.zeros([0, 8]) as tf.Tensor2D)).toThrow(
      /negatives must have shape/,
    );
    expect(() => infoNceLoss(q, tf.zeros([3, 8]) as tf.Tensor2D, q)).toThrow(
      /query and positive must have the same shape/,
    );
    expect(() => infoNceLoss(q, q, q, { temperature: -1 })).toThrow(
      /^infoNceLoss: temperature must be > 0, got -1\.$/,
    );
    q.dispose();
  });

  it('does not leak tensors, and trains with optimizer.minimize', async () => {
    const q = tf.tensor2d(randomMatrix(4, 8, 3));
    const k = tf.tensor2d(randomMatrix(4, 8, 4));
    const neg = tf.tensor2d(randomMatrix(16, 8, 5));
    await expectNoLeak(() => infoNceLoss(q, k, neg).dispose());
    expectTrainsWithoutLeak(
      ([a]) => infoNceLoss(a as tf.Variable<tf.Rank.R2>, k, neg) as tf.Scalar,
      [q],
    );
    tf.dispose([q, k, neg]);
  });
});
