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
import { tripletMarginLoss } from './triplet-margin-loss';

const cases = loadGolden('triplet').cases.filter((c) => c.params!.kind === 'triplet_margin_loss');

describeWithBackends('tripletMarginLoss', () => {
  it.each(cases)(
    'values and gradients match torch.nn.functional.triplet_margin_loss: $name',
    (c) => {
      const margin = c.params!.margin as number;
      expectGoldenLoss({
        golden: c,
        loss: ({ anchor, positive, negative }) =>
          tripletMarginLoss(
            anchor as tf.Tensor2D,
            positive as tf.Tensor2D,
            negative as tf.Tensor2D,
            { margin },
          ),
      });
    },
  );

  it('eps 0 gives the exact-distance variant', () => {
    const c = cases[0]!;
    const [a, p, n] = (['anchor', 'positive', 'negative'] as const).map((k) =>
      tf.tensor2d(c.inputs[k] as number[][]),
    );
    const loss = tripletMarginLoss(a!, p!, n!, { margin: 1, eps: 0 });
    expect(loss.dataSync()[0]).toBeCloseTo(c.aux!.exact_no_eps as number, 4);
    tf.dispose([a!, p!, n!, loss]);
  });

  it('throws: shape mismatch and negative margin', () => {
    const a = tf.zeros([2, 3]) as tf.Tensor2D;
    expect(() => tripletMarginLoss(a, a, tf.zeros([2, 4]) as tf.Tensor2D)).toThrow(
      /^tripletMarginLoss: anchor and negative must have the same shape, got \[2,3\] and \[2,4\]\.$/,
    );
    expect(() => tripletMarginLoss(a, a, a, { margin: -0.5 })).toThrow(
      /^tripletMarginLoss: margin must be >= 0, got -0\.5\.$/,
    );
    a.dispose();
  });

  it('does not leak tensors, and trains with optimizer.minimize', async () => {
    const [a, p, n] = [1, 2, 3].map((s) => tf.tensor2d(randomMatrix(5, 4, s)));
    await expectNoLeak(() => tripletMarginLoss(a!, p!, n!).dispose());
    expectTrainsWithoutLeak(
      ([x]) => tripletMarginLoss(x as tf.Variable<tf.Rank.R2>, p!, n!, { margin: 2 }) as tf.Scalar,
      [a!],
    );
    tf.dispose([a!, p!, n!]);
  });
});
