import * as tf from '@tensorflow/tfjs-core';

/** Centres the columns of `x` (`[batch, dim]`). @internal */
export function centerColumns(x: tf.Tensor2D): tf.Tensor2D {
  return tf.sub(x, tf.mean(x, 0, true));
}

/** Column variances, biased (÷ N, as BatchNorm) or unbiased (÷ N − 1). @internal */
export function columnVariance(x: tf.Tensor2D, { unbiased }: { unbiased: boolean }): tf.Tensor1D {
  const n = x.shape[0];
  return tf.div(tf.sum(tf.square(centerColumns(x)), 0), unbiased ? n - 1 : n) as tf.Tensor1D;
}

/** Sum of the squared off-diagonal entries of a square matrix. @internal */
export function offDiagonalSquaredSum(c: tf.Tensor2D): tf.Scalar {
  const n = c.shape[0];
  return tf.sum(tf.mul(tf.square(c), tf.sub(1, tf.eye(n)))) as tf.Scalar;
}
