import * as tf from '@tensorflow/tfjs-core';
import { assertPositive } from '@tessera/core';
import { centerColumns, columnVariance, offDiagonalSquaredSum } from './internal/batch-statistics';
import { assertMinRows, assertNonNegative, assertPairOfEmbeddings } from './internal/validate';

/** Options of {@link barlowTwinsLoss}. */
export interface BarlowTwinsLossOptions {
  /** Weight λ of the redundancy-reduction (off-diagonal) term. Default `0.0051`. */
  lambda?: number;
  /** Added to the variance in the batch normalisation. Default `1e-5` (BatchNorm1d's). */
  eps?: number;
}

/**
 * Barlow Twins: normalise each view's features over the batch (`(z − mean) / sqrt(var + eps)`, biased
 * variance: BatchNorm1d without affine, as the released code), form the cross-correlation
 * `C = zn1ᵀ zn2 / N` (`[dim, dim]`), and push it to the identity:
 * `L = Σ_i (1 − C_ii)² + λ Σ_{i≠j} C_ij²`.
 *
 * Reference: Zbontar et al. 2021, "Barlow Twins: Self-Supervised Learning via Redundancy Reduction",
 * https://arxiv.org/abs/2103.03230 (the paper's pseudocode uses the unbiased std without eps).
 *
 * @param z1 - Projections of view 1, shape `[batch, dim]`, batch ≥ 2.
 * @param z2 - Projections of view 2, shape `[batch, dim]`.
 * @returns Scalar loss.
 * @category Non-contrastive
 */
export function barlowTwinsLoss(
  z1: tf.Tensor2D,
  z2: tf.Tensor2D,
  { lambda = 0.0051, eps = 1e-5 }: BarlowTwinsLossOptions = {},
): tf.Scalar {
  const fn = 'barlowTwinsLoss';
  assertPairOfEmbeddings(z1, z2, fn, 'z1', 'z2');
  assertMinRows(z1, 2, fn, 'z1', 'batch statistics need two samples');
  assertNonNegative(lambda, fn, 'lambda');
  assertPositive(eps, fn, 'eps');
  return tf.tidy(() => {
    const n = z1.shape[0];
    const bn = (z: tf.Tensor2D) =>
      tf.div(centerColumns(z), tf.sqrt(tf.add(columnVariance(z, { unbiased: false }), eps)));
    const c = tf.div(tf.matMul(bn(z1), bn(z2), true, false), n) as tf.Tensor2D;
    const diagonal = tf.sum(tf.mul(c, tf.eye(c.shape[0])), 1);
    const onDiagonal = tf.sum(tf.square(tf.sub(1, diagonal)));
    return tf.add(onDiagonal, tf.mul(offDiagonalSquaredSum(c), lambda)) as tf.Scalar;
  });
}
