import * as tf from '@tensorflow/tfjs-core';
import { assertSameShape } from '@tessera/core';

/**
 * Content loss: `mean((features − target)²)` (d2l).
 *
 * @param features - Feature maps of the generated image, NHWC.
 * @param target - Feature maps of the content image, same shape.
 * @returns Scalar loss.
 * @category Style
 */
export function contentLoss(features: tf.Tensor4D, target: tf.Tensor4D): tf.Scalar {
  assertSameShape(features, target, 'contentLoss', 'features', 'target');
  return tf.tidy(() => tf.mean(tf.square(tf.sub(features, target))) as tf.Scalar);
}
