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
import { reconstructionLoss } from './reconstruction-loss';
import { vaeKlDivergence } from './vae-kl-divergence';

const cases = loadGolden('vae').cases;
type T2 = tf.Tensor2D;

describeWithBackends('vaeKlDivergence and reconstructionLoss', () => {
  it.each(cases)('values and gradients match PyTorch: $name', (c) => {
    const kind = c.params!.kind as string;
    const loss =
      kind === 'kl'
        ? ({ mu, logvar }: Record<string, tf.Tensor>) => vaeKlDivergence(mu as T2, logvar as T2)
        : kind === 'bce_recon'
          ? ({ x, recon_logits }: Record<string, tf.Tensor>) =>
              reconstructionLoss(x!, recon_logits!, { kind: 'bce' })
          : kind === 'mse_recon'
            ? ({ x, recon }: Record<string, tf.Tensor>) =>
                reconstructionLoss(x!, recon!, { kind: 'mse' })
            : ({ x, recon_logits, mu, logvar }: Record<string, tf.Tensor>) =>
                tf.add(
                  reconstructionLoss(x!, recon_logits!, { kind: 'bce' }),
                  vaeKlDivergence(mu as T2, logvar as T2),
                );
    expectGoldenLoss({ golden: c, loss });
  });

  it("reduction 'sum' gives the PyTorch VAE example's sum over the batch", () => {
    const c = cases.find((k) => k.name === 'kl_N4_L2')!;
    const kl = vaeKlDivergence(
      tf.tensor2d(c.inputs.mu as number[][]),
      tf.tensor2d(c.inputs.logvar as number[][]),
      { reduction: 'sum' },
    );
    expect(kl.dataSync()[0]).toBeCloseTo(c.aux!.sum_over_batch as number, 4);
    kl.dispose();
  });

  it('BCE from probabilities (log clamped at −100) agrees with BCE from logits', () => {
    const c = cases.find((k) => k.name === 'bce_recon_from_logits_N4_P12')!;
    const x = tf.tensor2d(c.inputs.x as number[][]);
    const logits = tf.tensor2d(c.inputs.recon_logits as number[][]);
    const fromProbs = reconstructionLoss(x, tf.sigmoid(logits), { kind: 'bce', fromLogits: false });
    expect(fromProbs.dataSync()[0]).toBeCloseTo(c.expected as number, 3);
    tf.dispose([x, logits, fromProbs]);
  });

  it('throws: shape mismatch and unknown kind', () => {
    const a = tf.zeros([2, 3]);
    expect(() => reconstructionLoss(a, tf.zeros([2, 4]))).toThrow(
      /^reconstructionLoss: x and xHat must have the same shape, got \[2,3\] and \[2,4\]\.$/,
    );
    expect(() => reconstructionLoss(a, a, { kind: 'l1' as never })).toThrow(
      /^reconstructionLoss: kind must be one of 'mse', 'bce', got 'l1'\.$/,
    );
    expect(() => vaeKlDivergence(a as T2, tf.zeros([2, 2]) as T2)).toThrow(
      /^vaeKlDivergence: mu and logVar must have the same shape/,
    );
    a.dispose();
  });

  it('does not leak tensors, and trains with optimizer.minimize', async () => {
    const mu = tf.tensor2d(randomMatrix(4, 3, 1));
    const lv = tf.tensor2d(randomMatrix(4, 3, 2));
    const x = tf.tensor2d(randomMatrix(4, 6, 3).map((r) => r.map((v) => (v > 0 ? 1 : 0))));
    await expectNoLeak(() => {
      vaeKlDivergence(mu, lv).dispose();
      reconstructionLoss(x, x, { kind: 'bce' }).dispose();
    });
    expectTrainsWithoutLeak(
      ([m, l]) =>
        vaeKlDivergence(m as tf.Variable<tf.Rank.R2>, l as tf.Variable<tf.Rank.R2>) as tf.Scalar,
      [mu, lv],
    );
    expectTrainsWithoutLeak(
      ([l]) => reconstructionLoss(x, l!, { kind: 'bce' }) as tf.Scalar,
      [tf.zerosLike(x)],
    );
    tf.dispose([mu, lv, x]);
  });
});
