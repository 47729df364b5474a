import * as tf from '@tensorflow/tfjs-core';
import {
  describeWithBackends,
  expectGoldenLoss,
  expectNoLeak,
  expectTensorClose,
  expectTrainsWithoutLeak,
  loadGolden,
  randomMatrix,
} from '@tessera/test-utils';
import { expect, it } from 'vitest';
import { byolLoss } from './byol-loss';
import { negativeCosineSimilarity } from './negative-cosine-similarity';

const cases = loadGolden('ssl_noncontrastive').cases.filter(
  (c) => c.params!.kind === 'negative_cosine',
);
type T2 = tf.Tensor2D;

describeWithBackends('negativeCosineSimilarity and byolLoss', () => {
  it.each(cases)('SimSiam objective matches the reference, values and gradients: $name', (c) => {
    const expected = (c.expected as Record<string, number>).simsiam;
    const grad = (c.grad as Record<string, Record<string, unknown>>).simsiam;
    expectGoldenLoss({
      golden: c,
      expected,
      grad,
      loss: ({ p1, p2, z1, z2 }) =>
        tf.mul(
          tf.add(
            negativeCosineSimilarity(p1 as T2, z2 as T2),
            negativeCosineSimilarity(p2 as T2, z1 as T2),
          ),
          0.5,
        ),
    });
  });

  it.each(cases)('BYOL objective matches the reference, values and gradients: $name', (c) => {
    expectGoldenLoss({
      golden: c,
      expected: (c.expected as Record<string, number>).byol,
      grad: (c.grad as Record<string, Record<string, unknown>>).byol,
      loss: ({ p1, p2, z1, z2 }) =>
        tf.add(byolLoss(p1 as T2, z2 as T2), byolLoss(p2 as T2, z1 as T2)),
    });
  });

  it('stops the gradient at the target: d/dz is zero', () => {
    const p = tf.tensor2d(randomMatrix(3, 4, 1));
    const z = tf.tensor2d(randomMatrix(3, 4, 2));
    for (const f of [negativeCosineSimilarity, byolLoss]) {
      const g = tf.grad((x: tf.Tensor) => f(p, x as T2))(z);
      expectTensorClose(g, tf.zerosLike(g));
      g.dispose();
    }
    tf.dispose([p, z]);
  });

  it('throws: shape mismatch', () => {
    const a = tf.zeros([2, 3]) as T2;
    expect(() => negativeCosineSimilarity(a, tf.zeros([2, 4]) as T2)).toThrow(
      /^negativeCosineSimilarity: p and z must have the same shape, got \[2,3\] and \[2,4\]\.$/,
    );
    expect(() => byolLoss(a, tf.zeros([3]) as never)).toThrow(/^byolLoss: z must be rank 2/);
    a.dispose();
  });

  it('does not leak tensors, and trains with optimizer.minimize', async () => {
    const p = tf.tensor2d(randomMatrix(4, 5, 3));
    const z = tf.tensor2d(randomMatrix(4, 5, 4));
    await expectNoLeak(() => {
      negativeCosineSimilarity(p, z).dispose();
      byolLoss(p, z).dispose();
    });
    expectTrainsWithoutLeak(
      ([x]) => negativeCosineSimilarity(x as tf.Variable<tf.Rank.R2>, z) as tf.Scalar,
      [p],
    );
    expectTrainsWithoutLeak(([x]) => byolLoss(x as tf.Variable<tf.Rank.R2>, z) as tf.Scalar, [p]);
    tf.dispose([p, z]);
  });
});
