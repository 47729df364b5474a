import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError, toFloat32Array, safeSqrt } from '@tessera/core';
import type { Reduction, TensorLike1D } from '@tessera/core';
import { reduceLosses as reduce } from '@tessera/core';
import { assertNonNegative, assertPairOfEmbeddings } from './internal/validate';

/** Options of {@link contrastiveLoss}. */
export interface ContrastiveLossOptions {
  /** Margin m ≥ 0 that dissimilar pairs are pushed beyond. Default `1`. */
  margin?: number;
  /** `'mean'` (default), `'sum'`, or `'none'` for `[batch]`. */
  reduction?: Reduction;
}

/**
 * The pairwise contrastive loss of siamese networks: with `d = ‖a − b‖₂`,
 * `ℓ = y·d² + (1 − y)·max(0, m − d)²`, where **y = 1 marks a similar pair**.
 *
 * The paper writes Y = 0 for similar pairs and puts ½ in front of each term; this follows the
 * libraries' y = 1-similar form without the halves (divide by 2 to get the paper's). The similar
 * term is differentiated as d², so coinciding similar pairs get a zero gradient, not NaN.
 *
 * Reference: Hadsell, Chopra & LeCun 2006, "Dimensionality Reduction by Learning an Invariant Mapping".
 *
 * @param a - First embeddings, shape `[batch, dim]`.
 * @param b - Second embeddings, shape `[batch, dim]`.
 * @param similar - 1 for a similar pair, 0 for a dissimilar one, shape `[batch]`.
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} on shape mismatch, `similar` outside {0, 1}, or margin < 0.
 * @category Metric learning
 */
export function contrastiveLoss(
  a: tf.Tensor2D,
  b: tf.Tensor2D,
  similar: tf.Tensor1D | TensorLike1D,
  { margin = 1, reduction = 'mean' }: ContrastiveLossOptions = {},
): tf.Tensor {
  const fn = 'contrastiveLoss';
  assertPairOfEmbeddings(a, b, fn, 'a', 'b');
  assertNonNegative(margin, fn, 'margin');
  const y = toFloat32Array(similar as tf.Tensor, { functionName: fn, argument: 'similar' });
  if (y.length !== a.shape[0]) {
    throw new InvalidArgumentError({
      functionName: fn,
      argument: 'similar',
      detail: `similar must have ${a.shape[0]} values (one per pair), got ${y.length}.`,
    });
  }
  const bad = y.findIndex((v) => v !== 0 && v !== 1);
  if (bad >= 0) {
    throw new InvalidArgumentError({
      functionName: fn,
      argument: 'similar',
      detail: `similar must contain only 0 and 1, got ${y[bad]} at index ${bad}.`,
    });
  }
  return tf.tidy(() => {
    const yt = tf.tensor1d(y);
    const d2 = tf.sum(tf.square(tf.sub(a, b)), 1);
    const push = tf.square(tf.relu(tf.sub(margin, safeSqrt(d2))));
    const perPair = tf.add(tf.mul(yt, d2), tf.mul(tf.sub(1, yt), push));
    return reduce(perPair, reduction, fn);
  });
}
