import * as tf from '@tensorflow/tfjs-core';
import {
  describeWithBackends,
  expectGoldenLoss,
  expectNoLeak,
  expectTensorClose,
  expectTrainsWithoutLeak,
  loadGolden,
  ntXentReference,
  randomMatrix,
} from '@tessera/test-utils';
import { expect, it } from 'vitest';
import { ntXentLoss } from './nt-xent-loss';

const golden = loadGolden('nt_xent');

describeWithBackends('ntXentLoss', () => {
  it.each(golden.cases)('values and gradients match PyTorch: $name', (c) => {
    const temperature = c.params!.temperature as number;
    expectGoldenLoss({
      golden: c,
      loss: ({ z1, z2 }) => ntXentLoss(z1 as tf.Tensor2D, z2 as tf.Tensor2D, { temperature }),
      rtol: temperature <= 0.05 ? 1e-3 : 1e-4,
    });
  });

  it("reduction 'none' gives the 2N per-anchor losses; 'sum' their sum", () => {
    const c = golden.cases[0]!;
    const z1 = tf.tensor2d(c.inputs.z1 as number[][]);
    const z2 = tf.tensor2d(c.inputs.z2 as number[][]);
    const temperature = c.params!.temperature as number;
    const perAnchor = ntXentLoss(z1, z2, { temperature, reduction: 'none' });
    expect(perAnchor.shape).toEqual([2 * z1.shape[0]]);
    expectTensorClose(perAnchor, c.aux!.per_anchor_loss as number[]);
    const sum = ntXentLoss(z1, z2, { temperature, reduction: 'sum' });
    expectTensorClose(sum, [(c.expected as number) * 2 * z1.shape[0]]);
    tf.dispose([z1, z2, perAnchor, sum]);
  });

  it.each([11, 12, 13])('agrees with a naive loop implementation (seed %i)', (seed) => {
    const a = randomMatrix(6, 5, seed);
    const b = randomMatrix(6, 5, seed + 100);
    const loss = ntXentLoss(tf.tensor2d(a), tf.tensor2d(b), { temperature: 0.3 });
    expectTensorClose(loss, [ntXentReference(a, b, 0.3)], { rtol: 1e-4 });
    loss.dispose();
  });

  it('throws: shape, rank, batch and temperature errors name the argument', () => {
    const a = tf.zeros([8, 128]) as tf.Tensor2D;
    const b = tf.zeros([8, 64]) as tf.Tensor2D;
    expect(() => ntXentLoss(a, b)).toThrow(
      /^ntXentLoss: z1 and z2 must have the same shape, got \[8,128\] and \[8,64\]\.$/,
    );
    expect(() => ntXentLoss(tf.zeros([8]) as never, a)).toThrow(
      /^ntXentLoss: z1 must be rank 2, got rank 1/,
    );
    expect(() => ntXentLoss(a, a, { temperature: 0 })).toThrow(
      /^ntXentLoss: temperature must be > 0, got 0\.$/,
    );
    expect(() => ntXentLoss(a, a, { reduction: 'avg' as never })).toThrow(
      /reduction must be one of 'none', 'mean', 'sum', got 'avg'/,
    );
    const one = tf.zeros([1, 4]) as tf.Tensor2D;
    expect(() => ntXentLoss(one, one)).toThrow(
      /^ntXentLoss: z1 must have at least 2 rows \(each anchor needs a negative\), got 1\.$/,
    );
    tf.dispose([a, b, one]);
  });

  it('does not leak tensors, and trains with optimizer.minimize', async () => {
    const z1 = tf.tensor2d(randomMatrix(8, 4, 1));
    const z2 = tf.tensor2d(randomMatrix(8, 4, 2));
    await expectNoLeak(() => ntXentLoss(z1, z2).dispose());
    expectTrainsWithoutLeak(
      ([a, b]) =>
        ntXentLoss(a as tf.Variable<tf.Rank.R2>, b as tf.Variable<tf.Rank.R2>) as tf.Scalar,
      [z1, z2],
    );
    tf.dispose([z1, z2]);
  });
});
