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
import { memoryBankLoss } from './memory-bank-loss';

describeWithBackends('memoryBankLoss', () => {
  it.each(loadGolden('instdisc_memory_bank').cases)(
    'values and gradients match PyTorch: $name',
    (c) => {
      const { temperature, normalize } = c.params as { temperature: number; normalize: boolean };
      expectGoldenLoss({
        golden: c,
        intInputs: ['indices'],
        loss: ({ features, bank, indices }) =>
          memoryBankLoss(features as tf.Tensor2D, bank as tf.Tensor2D, indices as tf.Tensor1D, {
            temperature,
            normalize,
          }),
        rtol: temperature <= 0.05 ? 1e-3 : 1e-4,
      });
    },
  );

  it('accepts indices as a plain array', () => {
    const f = tf.tensor2d(randomMatrix(2, 4, 1));
    const bank = tf.tensor2d(randomMatrix(5, 4, 2));
    const a = memoryBankLoss(f, bank, [3, 0]);
    const b = memoryBankLoss(f, bank, tf.tensor1d([3, 0], 'int32'));
    expect(a.dataSync()[0]).toBeCloseTo(b.dataSync()[0]!, 6);
    tf.dispose([f, bank, a, b]);
  });

  it('throws: indices out of range or of the wrong length, bank dim mismatch', () => {
    const f = tf.zeros([2, 4]) as tf.Tensor2D;
    const bank = tf.zeros([5, 4]) as tf.Tensor2D;
    expect(() => memoryBankLoss(f, bank, [0, 5])).toThrow(
      /^memoryBankLoss: indices must be in \[0, 5\), got 5 at index 1\.$/,
    );
    expect(() => memoryBankLoss(f, bank, [0])).toThrow(
      /^memoryBankLoss: indices must have 2 values \(one per row of features\), got 1\.$/,
    );
    expect(() => memoryBankLoss(f, bank, [0, 1.5])).toThrow(
      /memoryBankLoss: indices must contain only int32 integers, got 1\.5 at index 1/,
    );
    expect(() => memoryBankLoss(f, tf.zeros([5, 3]) as tf.Tensor2D, [0, 1])).toThrow(
      /^memoryBankLoss: bank must have shape \[bankSize, 4\], got \[5,3\]\.$/,
    );
    tf.dispose([f, bank]);
  });

  it('does not leak tensors, and trains with optimizer.minimize', async () => {
    const f = tf.tensor2d(randomMatrix(4, 6, 1));
    const bank = tf.tensor2d(randomMatrix(20, 6, 2));
    await expectNoLeak(() => memoryBankLoss(f, bank, [1, 2, 3, 4]).dispose());
    expectTrainsWithoutLeak(
      ([x]) => memoryBankLoss(x as tf.Variable<tf.Rank.R2>, bank, [1, 2, 3, 4]) as tf.Scalar,
      [f],
    );
    tf.dispose([f, bank]);
  });
});
