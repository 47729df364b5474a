import * as tf from '@tensorflow/tfjs-core';
import { TESSERA_KERNELS } from '@tessera/core';
import { logSumExp } from './log-sum-exp';

type CustomGradFn = Parameters<typeof tf.customGrad>[0];

/**
 * Row-wise log-sum-exp of a square matrix leaving out the diagonal (an anchor is never its own
 * negative). Where the backend registers `TesseraSoftmaxOffDiagonal` (`@tessera/backends` does on
 * `wasm`), one kernel computes it with each row's softmax, which is its gradient; elsewhere the
 * diagonal is pushed to −1e30 so that `exp` underflows to exactly 0, and tfjs's `logSumExp`
 * subtracts the row maximum first, so large logits do not overflow. The two agree to float32
 * rounding.
 * @internal
 */
export function logSumExpOffDiagonal(s: tf.Tensor2D): tf.Tensor1D {
  const n = s.shape[0];
  if (n >= 2 && s.dtype === 'float32' && tf.getKernel(NAME, tf.getBackend()))
    return fused(s) as tf.Tensor1D;
  return logSumExp(tf.sub(s, tf.mul(tf.eye(n), 1e30)), 1) as tf.Tensor1D;
}

const NAME = TESSERA_KERNELS.softmaxOffDiagonal;

/** d lse_i / d s_ij = p_ij: the saved softmax scaled by each row's incoming gradient. */
const fused = tf.customGrad(((s: tf.Tensor2D, save: tf.GradSaveFunc) => {
  const [p, lse] = tf.engine().runKernel(NAME, { s }, {}) as unknown as [tf.Tensor2D, tf.Tensor1D];
  save([p]);
  return {
    value: lse,
    gradFunc: (dy: tf.Tensor1D, saved: tf.Tensor[]) => tf.mul(saved[0]!, tf.expandDims(dy, 1)),
  };
}) as unknown as CustomGradFn) as (s: tf.Tensor2D) => tf.Tensor;
