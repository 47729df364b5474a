import * as tf from '@tensorflow/tfjs-core';
import { assertSameShape, safeSqrt } from '@tessera/core';
import type { Reduction } from '@tessera/core';
import { reduceLosses as reduce } from '@tessera/core';
import { assertNonNegative, assertPairOfEmbeddings } from './internal/validate';

/** Options of {@link tripletMarginLoss}. */
export interface TripletMarginLossOptions {
  /** Margin m ≥ 0. Default `1`. */
  margin?: number;
  /** Added to each difference inside the norm, as PyTorch does. Default `1e-6`. */
  eps?: number;
  /** Use min(d(a, n), d(p, n)) as the negative distance (Balntas et al.'s swap). Default `false`. */
  swap?: boolean;
  /** `'mean'` (default), `'sum'`, or `'none'` for `[batch]`. */
  reduction?: Reduction;
}

/**
 * The triplet margin loss of `torch.nn.functional.triplet_margin_loss` (p = 2):
 * `ℓ = max(0, ‖a − p + ε‖₂ − ‖a − n + ε‖₂ + m)`.
 *
 * Reference: Schroff et al. 2015 (FaceNet), https://arxiv.org/abs/1503.03832; PyTorch's definition.
 *
 * @param anchor - Shape `[batch, dim]`.
 * @param positive - Same class as the anchor, shape `[batch, dim]`.
 * @param negative - Another class, shape `[batch, dim]`.
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} on shape mismatch or margin < 0.
 * @category Metric learning
 */
export function tripletMarginLoss(
  anchor: tf.Tensor2D,
  positive: tf.Tensor2D,
  negative: tf.Tensor2D,
  { margin = 1, eps = 1e-6, swap = false, reduction = 'mean' }: TripletMarginLossOptions = {},
): tf.Tensor {
  const fn = 'tripletMarginLoss';
  assertPairOfEmbeddings(anchor, positive, fn, 'anchor', 'positive');
  assertSameShape(anchor, negative, fn, 'anchor', 'negative');
  assertNonNegative(margin, fn, 'margin');
  return tf.tidy(() => {
    const dist = (x: tf.Tensor, y: tf.Tensor) =>
      safeSqrt(tf.sum(tf.square(tf.add(tf.sub(x, y), eps)), 1));
    const dPos = dist(anchor, positive);
    const dNeg = swap
      ? tf.minimum(dist(anchor, negative), dist(positive, negative))
      : dist(anchor, negative);
    return reduce(tf.relu(tf.add(tf.sub(dPos, dNeg), margin)), reduction, fn);
  });
}
