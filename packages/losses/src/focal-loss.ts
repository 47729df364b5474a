import * as tf from '@tensorflow/tfjs-core';
import { assertNonNegative } from './internal/validate';
import { assertInRange, assertSameShape } from '@tessera/core';
import type { Reduction } from '@tessera/core';
import { reduceLosses as reduce } from '@tessera/core';

/**
 * Sigmoid focal loss of RetinaNet, as `torchvision.ops.sigmoid_focal_loss`: with `p = σ(x)`,
 * `p_t = p·t + (1 − p)(1 − t)` and `α_t = α·t + (1 − α)(1 − t)`,
 * `ℓ = α_t · (1 − p_t)^γ · BCEWithLogits(x, t)` (no α weighting when `alpha < 0`).
 *
 * Reference: Lin et al. 2017, "Focal Loss for Dense Object Detection", https://arxiv.org/abs/1708.02002.
 *
 * @param logits - Any shape.
 * @param targets - Same shape, in [0, 1].
 * @param options - Options:
 * @param options.alpha - Default `0.25`; negative disables the weighting.
 * @param options.gamma - Default `2`.
 * @param options.reduction - `'mean'` (default), `'sum'`, or `'none'` (torchvision's default).
 * @category Detection
 */
export function focalLoss(
  logits: tf.Tensor,
  targets: tf.Tensor,
  {
    alpha = 0.25,
    gamma = 2,
    reduction = 'mean',
  }: { alpha?: number; gamma?: number; reduction?: Reduction } = {},
): tf.Tensor {
  const fn = 'focalLoss';
  assertSameShape(logits, targets, fn, 'logits', 'targets');
  assertInRange(alpha, -Infinity, 1, fn, 'alpha');
  assertNonNegative(gamma, fn, 'gamma');
  return tf.tidy(() => {
    const p = tf.sigmoid(logits);
    const ce = tf.add(
      tf.sub(tf.relu(logits), tf.mul(logits, targets)),
      tf.log1p(tf.exp(tf.neg(tf.abs(logits)))),
    );
    const pT = tf.add(tf.mul(p, targets), tf.mul(tf.sub(1, p), tf.sub(1, targets)));
    let loss = tf.mul(ce, tf.pow(tf.sub(1, pT), gamma));
    if (alpha >= 0)
      loss = tf.mul(loss, tf.add(tf.mul(targets, alpha), tf.mul(tf.sub(1, targets), 1 - alpha)));
    return reduce(loss, reduction, fn);
  });
}
