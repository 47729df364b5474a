import * as tf from '@tensorflow/tfjs-core';
import { registerWasmTrainingKernels } from '@tessera/backends';
import { withSeededRandom } from '@tessera/core';
import { ganDiscriminatorLoss, reconstructionLoss, vaeKlDivergence } from '@tessera/losses';
import { describeWithBackends, trainSteps } from '@tessera/test-utils';
import { expect, it } from 'vitest';
import { resnetEncoder } from '../encoders/resnet-encoder';
import { autoencoder } from './autoencoder';
import { dcganDiscriminator, dcganGenerator } from './dcgan';
import { reparameterize, variationalAutoencoder } from './variational-autoencoder';

const images = (n: number, h: number, c: number, seed: number) =>
  tf.randomUniform([n, h, h, c], 0, 1, 'float32', seed) as tf.Tensor4D;

describeWithBackends('generative models and ResNet', ({ backend }) => {
  it('resnetEncoder: shapes for both stems and depths', () => {
    for (const [depth, stem, shape] of [
      ['resnet-mini', 'cifar', [32, 32, 3]],
      [18, 'cifar', [28, 28, 1]],
      ['resnet-mini', 'imagenet', [64, 64, 3]],
    ] as const) {
      const enc = resnetEncoder({ inputShape: shape, depth, stem, width: 8 });
      const x = tf.zeros([2, ...shape]);
      const y = enc.predict(x) as tf.Tensor;
      expect(y.shape).toEqual([2, 64]);
      tf.dispose([x, y]);
      enc.dispose();
    }
    // counts from the same architecture in PyTorch (tests/fixtures/reference/count_resnet_params.py),
    // BN running statistics included as countParams() counts them
    for (const [channels, depth, count] of [
      [3, 'resnet-mini', 78072],
      [1, 18, 176808],
    ] as const) {
      const enc = resnetEncoder({ inputShape: [16, 16, channels], depth, width: 8 });
      expect(enc.countParams()).toBe(count);
      enc.dispose();
    }
    expect(() => resnetEncoder({ inputShape: [32, 32, 3], depth: 50 as never })).toThrow(/depth/);
  });

  it('autoencoder and VAE: shapes, and a few Adam steps lower their losses without leaking', () => {
    if (backend === 'wasm') registerWasmTrainingKernels();
    const x = images(8, 8, 1, 1);
    // seeded initial weights: ten Adam steps from one known start, not a fresh draw each run
    const ae = withSeededRandom(1, () =>
      autoencoder({ inputShape: [8, 8, 1], latentDim: 8, filters: [4, 8] }),
    );
    expect((ae.encoder.predict(x) as tf.Tensor).shape).toEqual([8, 8]);
    const vars = ae.model.trainableWeights.map((w) => w.read() as tf.Variable);
    const aeRun = trainSteps(
      () =>
        reconstructionLoss(x, ae.model.apply(x, { training: true }) as tf.Tensor, {
          kind: 'bce',
        }) as tf.Scalar,
      vars,
      10,
    );
    expect(aeRun.losses.at(-1)!).toBeLessThan(aeRun.losses[0]!);
    expect(new Set(aeRun.counts.slice(2)).size).toBe(1);

    const vae = withSeededRandom(2, () =>
      variationalAutoencoder({ inputShape: [8, 8, 1], latentDim: 4, filters: [4, 8] }),
    );
    const out = vae.apply(x, { seed: 3 });
    expect([out.mu.shape, out.logVar.shape, out.z.shape, out.reconstructionLogits.shape]).toEqual([
      [8, 4],
      [8, 4],
      [8, 4],
      [8, 8, 8, 1],
    ]);
    tf.dispose([out.mu, out.logVar, out.z, out.reconstructionLogits]);
    const vaeVars = [...vae.encoder.trainableWeights, ...vae.decoder.trainableWeights].map(
      (w) => w.read() as tf.Variable,
    );
    let step = 0;
    const vaeRun = trainSteps(
      () => {
        const o = vae.apply(x, { seed: 100 + step++, training: true });
        return tf.add(
          reconstructionLoss(x, o.reconstructionLogits, { kind: 'bce' }),
          vaeKlDivergence(o.mu, o.logVar),
        ) as tf.Scalar;
      },
      vaeVars,
      10,
    );
    expect(vaeRun.losses.at(-1)!).toBeLessThan(vaeRun.losses[0]!);
    expect(new Set(vaeRun.counts.slice(2)).size).toBe(1);
    x.dispose();
    ae.model.dispose();
    vae.dispose();
  });

  it('reparameterize: z = μ + σ·ε, seeded', () => {
    const mu = tf.tensor2d([[1, -2]]);
    const logVar = tf.tensor2d([[0, Math.log(4)]]);
    const a = reparameterize(mu, logVar, { seed: 7 });
    const b = reparameterize(mu, logVar, { seed: 7 });
    const eps = tf.randomNormal([1, 2], 0, 1, 'float32', 7);
    const expected = tf.tidy(() => tf.add(mu, tf.mul(tf.tensor2d([[1, 2]]), eps)));
    expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
    Array.from(a.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(expected.dataSync()[i]!, 5));
    tf.dispose([mu, logVar, a, b, eps, expected]);
  });

  it('DCGAN: generator and discriminator shapes; a discriminator step lowers its loss', () => {
    if (backend === 'wasm') registerWasmTrainingKernels();
    const g = dcganGenerator({ latentDim: 8, outputShape: [16, 16, 1], filters: [8, 16] });
    const d = dcganDiscriminator({ inputShape: [16, 16, 1], filters: [8, 16] });
    const z = tf.randomNormal([6, 8], 0, 1, 'float32', 2);
    const fake = g.predict(z) as tf.Tensor4D;
    expect(fake.shape).toEqual([6, 16, 16, 1]);
    const [lo, hi] = [tf.min(fake).dataSync()[0]!, tf.max(fake).dataSync()[0]!];
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThanOrEqual(1);
    expect((d.features.predict(fake) as tf.Tensor).shape).toEqual([6, 4 * 4 * 16]);
    const real = images(6, 16, 1, 9);
    const vars = d.model.trainableWeights.map((w) => w.read() as tf.Variable);
    const run = trainSteps(
      () =>
        ganDiscriminatorLoss(
          d.model.apply(real, { training: true }) as tf.Tensor,
          d.model.apply(fake, { training: true }) as tf.Tensor,
        ),
      vars,
      8,
    );
    expect(run.losses.at(-1)!).toBeLessThan(run.losses[0]!);
    tf.dispose([z, fake, real]);
    g.dispose();
    d.model.dispose();
  });
});
