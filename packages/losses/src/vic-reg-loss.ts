import * as tf from '@tensorflow/tfjs-core';
import { assertPositive } from '@tessera/core';
import { centerColumns, columnVariance, offDiagonalSquaredSum } from './internal/batch-statistics';
import { assertMinRows, assertNonNegative, assertPairOfEmbeddings } from './internal/validate';

/** Options of {@link vicRegLoss}: the three weights and the variance eps. */
export interface VicRegLossOptions {
  /** Weight of the invariance (MSE) term. Default `25`. */
  invariance?: number;
  /** Weight of the variance (hinge on the std) term. Default `25`. */
  variance?: number;
  /** Weight of the covariance term. Default `1`. */
  covariance?: number;
  /** Added to the variance before the square root. Default `1e-4`. */
  eps?: number;
}

/**
 * VICReg: `λ·mse(z1, z2) + μ·[mean relu(1 − std(z1)) + mean relu(1 − std(z2))]/2 + ν·[c(z1) + c(z2)]`,
 * with `std = sqrt(var_unbiased + eps)` per dimension and `c(z) = Σ_{i≠j} Cov(z)_ij² / dim`,
 * `Cov = zcᵀ zc / (N − 1)`.
 *
 * Reference: Bardes, Ponce & LeCun 2022, "VICReg", https://arxiv.org/abs/2105.04906 (and its code).
 *
 * @param z1 - Shape `[batch, dim]`, batch ≥ 2.
 * @param z2 - Shape `[batch, dim]`.
 * @returns Scalar loss.
 * @category Non-contrastive
 */
export function vicRegLoss(
  z1: tf.Tensor2D,
  z2: tf.Tensor2D,
  { invariance = 25, variance = 25, covariance = 1, eps = 1e-4 }: VicRegLossOptions = {},
): tf.Scalar {
  const fn = 'vicRegLoss';
  assertPairOfEmbeddings(z1, z2, fn, 'z1', 'z2');
  assertMinRows(z1, 2, fn, 'z1', 'batch statistics need two samples');
  for (const [name, v] of [
    ['invariance', invariance],
    ['variance', variance],
    ['covariance', covariance],
  ] as const) {
    assertNonNegative(v, fn, name);
  }
  assertPositive(eps, fn, 'eps');
  return tf.tidy(() => {
    const [n, dim] = z1.shape;
    const stdTerm = (z: tf.Tensor2D) =>
      tf.mean(tf.relu(tf.sub(1, tf.sqrt(tf.add(columnVariance(z, { unbiased: true }), eps)))));
    const covTerm = (z: tf.Tensor2D) => {
      const zc = centerColumns(z);
      return tf.div(
        offDiagonalSquaredSum(tf.div(tf.matMul(zc, zc, true, false), n - 1) as tf.Tensor2D),
        dim,
      );
    };
    const inv = tf.mean(tf.square(tf.sub(z1, z2)));
    const std = tf.div(tf.add(stdTerm(z1), stdTerm(z2)), 2);
    const cov = tf.add(covTerm(z1), covTerm(z2));
    return tf.addN([
      tf.mul(inv, invariance),
      tf.mul(std, variance),
      tf.mul(cov, covariance),
    ]) as tf.Scalar;
  });
}
