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
import { barlowTwinsLoss } from './barlow-twins-loss';

const cases = loadGolden('ssl_noncontrastive').cases.filter(
  (c) => c.params!.kind === 'barlow_twins',
);

describeWithBackends('barlowTwinsLoss', () => {
  it.each(cases)('values and gradients match the released code: $name', (c) => {
    const lambda = c.params!.lambda as number;
    expectGoldenLoss({
      golden: c,
      loss: ({ z1, z2 }) => barlowTwinsLoss(z1 as tf.Tensor2D, z2 as tf.Tensor2D, { lambda }),
    });
  });

  it('throws: one sample, negative lambda', () => {
    const one = tf.zeros([1, 4]) as tf.Tensor2D;
    expect(() => barlowTwinsLoss(one, one)).toThrow(
      /^barlowTwinsLoss: z1 must have at least 2 rows \(batch statistics need two samples\), got 1\.$/,
    );
    const two = tf.zeros([2, 4]) as tf.Tensor2D;
    expect(() => barlowTwinsLoss(two, two, { lambda: -1 })).toThrow(
      /^barlowTwinsLoss: lambda must be >= 0, got -1\.$/,
    );
    tf.dispose([one, two]);
  });

  it('does not leak tensors, and trains with optimizer.minimize', async () => {
    const a = tf.tensor2d(randomMatrix(16, 6, 1));
    const b = tf.tensor2d(randomMatrix(16, 6, 2));
    await expectNoLeak(() => barlowTwinsLoss(a, b).dispose());
    expectTrainsWithoutLeak(([x]) => barlowTwinsLoss(x as tf.Variable<tf.Rank.R2>, b), [a]);
    tf.dispose([a, b]);
  });
});
