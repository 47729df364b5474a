import * as tf from '@tensorflow/tfjs-core';
import {
  describeWithBackends,
  expectGoldenLoss,
  expectNoLeak,
  expectTrainsWithoutLeak,
  loadGolden,
} from '@tessera/test-utils';
import { expect, it } from 'vitest';
import { ganDiscriminatorLoss } from './gan-discriminator-loss';
import { ganGeneratorLoss } from './gan-generator-loss';

const cases = loadGolden('gan').cases;
const D = [
  ['d_loss_bce', 'minimax'],
  ['d_loss_hinge', 'hinge'],
  ['d_loss_wgan', 'wasserstein'],
] as const;
const G = [
  ['g_loss_nonsaturating', 'non-saturating'],
  ['g_loss_minimax', 'minimax'],
  ['g_loss_hinge', 'hinge'],
  ['g_loss_wgan', 'wasserstein'],
] as const;

describeWithBackends('ganDiscriminatorLoss and ganGeneratorLoss', () => {
  it.each(cases)('every objective matches the reference, values and gradients: $name', (c) => {
    const expected = c.expected as Record<string, number>;
    const grad = c.grad as Record<string, Record<string, unknown>>;
    for (const [key, kind] of D) {
      expectGoldenLoss({
        golden: c,
        expected: expected[key],
        grad: grad[key],
        loss: ({ d_real, d_fake }) => ganDiscriminatorLoss(d_real!, d_fake!, { kind }),
      });
    }
    for (const [key, kind] of G) {
      expectGoldenLoss({
        golden: c,
        expected: expected[key],
        grad: { d_fake: grad[key]!.d_fake },
        loss: ({ d_fake }) => ganGeneratorLoss(d_fake!, { kind }),
      });
    }
  });

  it('accepts [batch, 1] logits', () => {
    const r = tf.tensor2d([[1], [2]]);
    const f = tf.tensor2d([[-1], [0]]);
    expect(ganDiscriminatorLoss(r, f, { kind: 'hinge' }).dataSync()[0]).toBeCloseTo(
      0.5 * (0 + 0) + 0.5 * (0 + 1),
      6,
    );
    tf.dispose([r, f]);
  });

  it('throws: unknown kind, wrong shape', () => {
    const a = tf.zeros([4]);
    expect(() => ganDiscriminatorLoss(a, a, { kind: 'bce' as never })).toThrow(
      /^ganDiscriminatorLoss: kind must be one of 'minimax', 'hinge', 'wasserstein', got 'bce'\.$/,
    );
    expect(() => ganGeneratorLoss(a, { kind: 'saturating' as never })).toThrow(
      /^ganGeneratorLoss: kind must be one of 'non-saturating', 'minimax', 'hinge', 'wasserstein', got 'saturating'\.$/,
    );
    expect(() => ganGeneratorLoss(tf.zeros([4, 2]))).toThrow(
      /^ganGeneratorLoss: fakeLogits must have shape \[batch\] or \[batch, 1\], got \[4,2\]\.$/,
    );
    a.dispose();
  });

  it('does not leak tensors, and trains with optimizer.minimize', async () => {
    const r = tf.tensor1d([0.5, -1, 2, 0.1]);
    const f = tf.tensor1d([1, 0.3, -0.5, 2]);
    await expectNoLeak(() => {
      ganDiscriminatorLoss(r, f).dispose();
      ganGeneratorLoss(f).dispose();
    });
    expectTrainsWithoutLeak(([x]) => ganDiscriminatorLoss(r, x!), [f]);
    expectTrainsWithoutLeak(([x]) => ganGeneratorLoss(x!), [f]);
    tf.dispose([r, f]);
  });
});
