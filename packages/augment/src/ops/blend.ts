import * as tf from '@tensorflow/tfjs-core';

/**
 * torchvision's `_blend`: `clamp(ratio · a + (1 − ratio) · b, 0, 1)` with `ratio` `[N, 1, 1, 1]`.
 * @internal
 */
export function blend(a: tf.Tensor4D, b: tf.Tensor, ratio: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() =>
    tf.clipByValue(tf.add(tf.mul(ratio, a), tf.mul(tf.sub(1, ratio), b)), 0, 1),
  ) as tf.Tensor4D;
}
