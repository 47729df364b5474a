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
import { contrastiveLoss } from './contrastive-loss';

const golden = loadGolden('contrastive_pair');

describeWithBackends('contrastiveLoss', () => {
  it.each(golden.cases)('values and gradients match PyTorch: $name', (c) => {
    const margin = c.params!.margin as number;
    expectGoldenLoss({
      golden: c,
      loss: ({ x1, x2, y }) =>
        contrastiveLoss(x1 as tf.Tensor2D, x2 as tf.Tensor2D, y as tf.Tensor1D, { margin }),
    });
  });

  it('the paper’s ½-factor variant is half of it', () => {
    const c = golden.cases[0]!;
    const loss = contrastiveLoss(
      tf.tensor2d(c.inputs.x1 as number[][]),
      tf.tensor2d(c.inputs.x2 as number[][]),
      c.inputs.y as number[],
    );
    expectTensorClose(tf.mul(loss, 0.5), [c.aux!.half_factor_variant as number]);
    loss.dispose();
  });

  it('a coinciding similar pair has a zero (not NaN) gradient', () => {
    const a = tf.tensor2d([[1, 2]]);
    const g = tf.grad((x: tf.Tensor) => contrastiveLoss(x as tf.Tensor2D, a, [1]))(a);
    expectTensorClose(g, [[0, 0]]);
    const g0 = tf.grad((x: tf.Tensor) => contrastiveLoss(x as tf.Tensor2D, a, [0]))(a);
    expect(Array.from(g0.dataSync()).every(Number.isFinite)).toBe(true);
    tf.dispose([a, g, g0]);
  });

  it('throws: labels other than 0/1, wrong length, negative margin', () => {
    const a = tf.zeros([2, 3]) as tf.Tensor2D;
    expect(() => contrastiveLoss(a, a, [1, 0.5])).toThrow(
      /^contrastiveLoss: similar must contain only 0 and 1, got 0\.5 at index 1\.$/,
    );
    expect(() => contrastiveLoss(a, a, [1])).toThrow(
      /^contrastiveLoss: similar must have 2 values \(one per pair\), got 1\.$/,
    );
    expect(() => contrastiveLoss(a, a, [1, 0], { margin: -1 })).toThrow(
      /^contrastiveLoss: margin must be >= 0, got -1\.$/,
    );
    a.dispose();
  });

  it('does not leak tensors, and trains with optimizer.minimize', async () => {
    const a = tf.tensor2d(randomMatrix(6, 4, 1));
    const b = tf.tensor2d(randomMatrix(6, 4, 2));
    const y = [1, 0, 1, 0, 1, 0];
    await expectNoLeak(() => contrastiveLoss(a, b, y).dispose());
    expectTrainsWithoutLeak(
      ([x]) => contrastiveLoss(x as tf.Variable<tf.Rank.R2>, b, y) as tf.Scalar,
      [a],
    );
    tf.dispose([a, b]);
  });
});
