import * as tf from '@tensorflow/tfjs-core';
import { assertRank, InvalidArgumentError } from '@tessera/core';

/**
 * Total variation loss (d2l): `½·(mean |X[:, i+1, j] − X[:, i, j]| + mean |X[:, i, j+1] − X[:, i, j]|)`,
 * which favours smooth images.
 *
 * @param images - NHWC `[batch, height, width, channels]`, height and width ≥ 2.
 * @returns Scalar loss.
 * @category Style
 */
export function totalVariationLoss(images: tf.Tensor4D): tf.Scalar {
  assertRank(images, 4, 'totalVariationLoss', 'images');
  const [, h, w] = images.shape;
  if (h < 2 || w < 2) {
    throw new InvalidArgumentError({
      functionName: 'totalVariationLoss',
      argument: 'images',
      detail: `images must be at least 2×2, got ${h}×${w}.`,
    });
  }
  return tf.tidy(() => {
    const dh = tf.sub(
      tf.slice(images, [0, 1, 0, 0], [-1, -1, -1, -1]),
      tf.slice(images, [0, 0, 0, 0], [-1, h - 1, -1, -1]),
    );
    const dw = tf.sub(
      tf.slice(images, [0, 0, 1, 0], [-1, -1, -1, -1]),
      tf.slice(images, [0, 0, 0, 0], [-1, -1, w - 1, -1]),
    );
    return tf.mul(tf.add(tf.mean(tf.abs(dh)), tf.mean(tf.abs(dw))), 0.5) as tf.Scalar;
  });
}
