import * as tf from '@tensorflow/tfjs-core';
import { column } from '../internal/per-image';
import { assertImages, perImage } from '../internal/validate';
import { blend } from './blend';
import { luma } from './grayscale';

/**
 * Blends each image with its grayscale version — torchvision's `adjust_saturation`:
 * `clamp(f · x + (1 − f) · gray(x), 0, 1)`. `0` gives grayscale, `1` the input; 1-channel
 * images are returned unchanged.
 *
 * @param images `[N, H, W, 1 | 3]` in [0, 1].
 * @param factor One non-negative factor, or one per image.
 * @category Ops
 */
export function adjustSaturation(
  images: tf.Tensor4D,
  factor: number | ArrayLike<number>,
): tf.Tensor4D {
  assertImages(images, 'adjustSaturation', { channels: [1, 3] });
  const f = perImage(factor, images.shape[0], 'adjustSaturation', 'factor');
  if (images.shape[3] === 1) return tf.clone(images);
  return tf.tidy(() => blend(images, luma(images), column(f)));
}
