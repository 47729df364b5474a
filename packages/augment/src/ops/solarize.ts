import * as tf from '@tensorflow/tfjs-core';
import { column } from '../internal/per-image';
import { assertImages, perImage } from '../internal/validate';

/**
 * Inverts every value at or above the threshold — torchvision's `solarize`:
 * `x >= t ? 1 − x : x`. A threshold above 1 leaves the image unchanged.
 *
 * @param images `[N, H, W, C]` in [0, 1].
 * @param threshold One threshold, or one per image.
 * @category Ops
 */
export function applySolarize(
  images: tf.Tensor4D,
  threshold: number | ArrayLike<number>,
): tf.Tensor4D {
  assertImages(images, 'applySolarize');
  const t = perImage(threshold, images.shape[0], 'applySolarize', 'threshold');
  return tf.tidy(() =>
    tf.where(tf.greaterEqual(images, column(t)), tf.sub(1, images), images),
  ) as tf.Tensor4D;
}
