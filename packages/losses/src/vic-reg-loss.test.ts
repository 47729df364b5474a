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
import { vicRegLoss } from './vic-reg-loss';

const cases = loadGolden('ssl_noncontrastive').cases.filter((c) => c.params!.kind === 'vicreg');

describeWithBackends('vicRegLoss', () => {
  it.each(cases)('values and gradients match the reference: $name', (c) => {
    const p = c.params as {
      sim_coeff: number;
      std_coeff: number;
      cov_coeff: number;
      std_eps: number;
    };
    expectGoldenLoss({
      golden: c,
      loss: ({ x, y }) =>
        vicRegLoss(x as tf.Tensor2D, y as tf.Tensor2D, {
          invariance: p.sim_coeff,
          variance: p.std_coeff,
          covariance: p.cov_coeff,
          eps: p.std_eps,
        }),
    });
  });

  it('throws: one sample, negative weights', () => {
    const two = tf.zeros([2, 3]) as tf.Tensor2D;
    expect(() => vicRegLoss(two, two, { covariance: -1 })).toThrow(
      /^vicRegLoss: covariance must be >= 0, got -1\.$/,
    );
    expect(() =>
      vicRegLoss(tf.zeros([1, 3]) as tf.Tensor2D, tf.zeros([1, 3]) as tf.Tensor2D),
    ).toThrow(/vicRegLoss: z1 must have at least 2 rows/);
    two.dispose();
  });

  it('does not leak tensors, and trains with optimizer.minimize', async () => {
    const a = tf.tensor2d(randomMatrix(12, 4, 3));
    const b = tf.tensor2d(randomMatrix(12, 4, 4));
    await expectNoLeak(() => vicRegLoss(a, b).dispose());
    expectTrainsWithoutLeak(([x]) => vicRegLoss(x as tf.Variable<tf.Rank.R2>, b), [a]);
    tf.dispose([a, b]);
  });
});
