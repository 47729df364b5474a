import * as tf from '@tensorflow/tfjs-core';
import { assertRank } from '@tessera/core';

/**
 * Gram matrix of feature maps (d2l's style transfer): per image, with `X` reshaped to
 * `[channels, height·width]`, `G = X·Xᵀ / (channels·height·width)`.
 *
 * @param features - Feature maps, NHWC `[batch, height, width, channels]`.
 * @returns Shape `[batch, channels, channels]`.
 * @category Style
 */
export function gramMatrix(features: tf.Tensor4D): tf.Tensor3D {
  assertRank(features, 4, 'gramMatrix', 'features');
  return tf.tidy(() => {
    const [n, h, w, c] = features.shape;
    const x = tf.reshape(features, [n, h * w, c]);
    return tf.div(tf.matMul(x, x, true, false), c * h * w) as tf.Tensor3D;
  });
}
