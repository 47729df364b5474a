import * as tf from '@tensorflow/tfjs-core';
import { logSumExp } from './log-sum-exp';

/**
 * Row-wise log-sum-exp of a square matrix leaving out the diagonal (an anchor is never its own
 * negative). The diagonal is pushed to −1e30 so that `exp` underflows to exactly 0; tfjs's
 * `logSumExp` subtracts the row maximum first, so large logits do not overflow.
 * @internal
 */
export function logSumExpOffDiagonal(s: tf.Tensor2D): tf.Tensor1D {
  const n = s.shape[0];
  return logSumExp(tf.sub(s, tf.mul(tf.eye(n), 1e30)), 1) as tf.Tensor1D;
}
