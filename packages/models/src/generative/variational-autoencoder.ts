import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { assertCount } from '../internal/fail';
import { readImageShape } from '../internal/read-image-shape';
import { downStack, upStack } from './conv-stack';

/**
 * The reparameterisation trick (Kingma & Welling 2014): `z = μ + exp(½ log σ²) · ε`, ε ~ N(0, I),
 * differentiable in μ and log σ². Seeded for reproducible runs.
 * @category Generative
 */
export function reparameterize(
  mu: tf.Tensor2D,
  logVar: tf.Tensor2D,
  { seed }: { seed?: number } = {},
): tf.Tensor2D {
  return tf.tidy(() => {
    const eps = tf.randomNormal(mu.shape, 0, 1, 'float32', seed);
    return tf.add(mu, tf.mul(tf.exp(tf.mul(logVar, 0.5)), eps)) as tf.Tensor2D;
  });
}

/** What a {@link VariationalAutoencoder} call returns. */
export interface VaeOutput {
  readonly mu: tf.Tensor2D;
  readonly logVar: tf.Tensor2D;
  readonly z: tf.Tensor2D;
  /** `[N, H, W, C]` logits: train with `reconstructionLoss(x, logits, {kind: 'bce'}) + vaeKlDivergence(mu, logVar)`. */
  readonly reconstructionLogits: tf.Tensor4D;
}

/** What {@link variationalAutoencoder} returns. */
export interface VariationalAutoencoder {
  /** `[N, H, W, C]` → `[μ, log σ²]`, each `[N, latentDim]`. μ is the representation. */
  readonly encoder: tfl.LayersModel;
  /** `[N, latentDim]` → reconstruction logits. */
  readonly decoder: tfl.LayersModel;
  /** One forward pass: encode, sample z by `reparameterize`, decode. */
  apply(x: tf.Tensor4D, options?: { seed?: number; training?: boolean }): VaeOutput;
  dispose(): void;
}

/**
 * A convolutional VAE (Kingma & Welling 2014): the encoder gives μ and log σ², z is sampled by the
 * reparameterisation trick, the decoder gives Bernoulli logits of the pixels.
 *
 * @example
 * ```ts
 * const vae = variationalAutoencoder({ inputShape: [28, 28, 1], latentDim: 16 });
 * const { mu, logVar, reconstructionLogits } = vae.apply(x, { seed: 1, training: true });
 * const loss = tf.add(reconstructionLoss(x, reconstructionLogits, { kind: 'bce' }), vaeKlDivergence(mu, logVar));
 * ```
 * @category Generative
 */
export function variationalAutoencoder({
  inputShape,
  latentDim,
  filters = [32, 64],
}: {
  inputShape: readonly [number, number, number];
  latentDim: number;
  filters?: readonly number[];
}): VariationalAutoencoder {
  const fn = 'variationalAutoencoder';
  const shape = readImageShape(inputShape, filters.length, fn);
  assertCount(latentDim, fn, 'latentDim');
  const x = tfl.input({ shape: [...shape] });
  const h = downStack(x, filters, 'vae_enc');
  const mu = tfl.layers.dense({ units: latentDim, name: 'vae_mu' }).apply(h) as tfl.SymbolicTensor;
  const logVar = tfl.layers
    .dense({ units: latentDim, name: 'vae_log_var' })
    .apply(h) as tfl.SymbolicTensor;
  const encoder = tfl.model({ inputs: x, outputs: [mu, logVar], name: 'vae_encoder' });
  const z = tfl.input({ shape: [latentDim] });
  const decoder = tfl.model({
    inputs: z,
    outputs: upStack(z, shape, filters, 'vae_dec'),
    name: 'vae_decoder',
  });
  return {
    encoder,
    decoder,
    apply: (images, { seed, training = false } = {}) => {
      const [m, lv] = encoder.apply(images, { training }) as [tf.Tensor2D, tf.Tensor2D];
      const sample = reparameterize(m, lv, { seed });
      return {
        mu: m,
        logVar: lv,
        z: sample,
        reconstructionLogits: decoder.apply(sample, { training }) as tf.Tensor4D,
      };
    },
    dispose: () => {
      encoder.dispose();
      decoder.dispose();
    },
  };
}
