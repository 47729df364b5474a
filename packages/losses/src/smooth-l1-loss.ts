import * as tf from '@tensorflow/tfjs-core';
import { assertNonNegative } from './internal/validate';
import { assertSameShape } from '@tessera/core';
import type { Reduction } from '@tessera/core';
import { reduceLosses as reduce } from '@tessera/core';

/**
 * Smooth L1 (Huber-like) loss of box regression, as `torch.nn.functional.smooth_l1_loss`:
 * `0.5·x²/β` where `|x| < β`, else `|x| − 0.5·β` (β = 0 gives L1).
 *
 * @param predictions - Any shape.
 * @param targets - Same shape.
 * @param options - Options:
 * @param options.beta - Threshold β ≥ 0. Default `1`.
 * @param options.reduction - `'mean'` over elements (default), `'sum'` or `'none'`.
 * @category Detection
 */
export function smoothL1Loss(
  predictions: tf.Tensor,
  targets: tf.Tensor,
  { beta = 1, reduction = 'mean' }: { beta?: number; reduction?: Reduction } = {},
): tf.Tensor {
  const fn = 'smoothL1Loss';
  assertSameShape(predictions, targets, fn, 'predictions', 'targets');
  assertNonNegative(beta, fn, 'beta');
  return tf.tidy(() => {
    const x = tf.abs(tf.sub(predictions, targets));
    // q = min(|x|, β): ½q²/β + (|x| − q) is the same piecewise function, built only from ops that
    // have gradients (tf.less, inside a tf.where condition, has none).
    const q = tf.minimum(x, beta);
    const loss = beta === 0 ? x : tf.add(tf.div(tf.mul(tf.square(q), 0.5), beta), tf.sub(x, q));
    return reduce(loss, reduction, fn);
  });
}
