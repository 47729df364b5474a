import * as tf from '@tensorflow/tfjs-core';
import { assertOneOf, assertSameShape } from '@tessera/core';
import type { Reduction } from '@tessera/core';
import { reduceLosses as reduce } from '@tessera/core';

/** Options of {@link reconstructionLoss}. */
export interface ReconstructionLossOptions {
  /** `'mse'`: Σ (x̂ − x)²; `'bce'`: Σ binary cross-entropy. Default `'mse'`. */
  kind?: 'mse' | 'bce';
  /** For `'bce'`: `xHat` holds logits (stable form). With `false`, probabilities (log clamped at −100, as PyTorch). Default `true`. */
  fromLogits?: boolean;
  /** Over the batch of per-sample sums: `'mean'` (default), `'sum'` (the PyTorch VAE example), or `'none'` for `[batch]`. */
  reduction?: Reduction;
}

const KINDS = ['mse', 'bce'] as const;

/**
 * An autoencoder's reconstruction loss: per sample, the **sum** over all its elements of the squared
 * error or the binary cross-entropy, then the mean over the batch (the ELBO's reconstruction term).
 * From logits `l`: `bce = max(l, 0) − l·x + log(1 + e^{−|l|})` (never overflows).
 *
 * Reference: Kingma & Welling 2014 (VAE), https://arxiv.org/abs/1312.6114; the per-sample-sum
 * convention of the golden README (`F.*_loss` with its default element mean differs by a factor).
 *
 * @param x - Targets in [0, 1] for `'bce'`, shape `[batch, ...]`.
 * @param xHat - Reconstructions (logits for `'bce'` by default), same shape.
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} on shape mismatch or an unknown kind.
 * @category Generative
 */
export function reconstructionLoss(
  x: tf.Tensor,
  xHat: tf.Tensor,
  { kind = 'mse', fromLogits = true, reduction = 'mean' }: ReconstructionLossOptions = {},
): tf.Tensor {
  const fn = 'reconstructionLoss';
  assertSameShape(x, xHat, fn, 'x', 'xHat');
  assertOneOf(kind, KINDS, fn, 'kind');
  return tf.tidy(() => {
    const batch = x.shape[0] ?? 1;
    const t = tf.reshape(x, [batch, -1]);
    const y = tf.reshape(xHat, [batch, -1]);
    let elementwise: tf.Tensor;
    if (kind === 'mse') elementwise = tf.square(tf.sub(y, t));
    else if (fromLogits)
      elementwise = tf.add(tf.sub(tf.relu(y), tf.mul(y, t)), tf.log1p(tf.exp(tf.neg(tf.abs(y)))));
    else {
      const logP = tf.maximum(tf.log(y), -100);
      const log1mP = tf.maximum(tf.log(tf.sub(1, y)), -100);
      elementwise = tf.neg(tf.add(tf.mul(t, logP), tf.mul(tf.sub(1, t), log1mP)));
    }
    return reduce(tf.sum(elementwise, 1), reduction, fn);
  });
}
