import * as tf from '@tensorflow/tfjs-core';
import { column } from '../internal/per-image';
import { assertImages, perImage } from '../internal/validate';
import { blend } from './blend';
import { meanLuma } from './grayscale';

/**
 * Blends each image with the mean of its grayscale version — torchvision's `adjust_contrast`:
 * `clamp(f · x + (1 − f) · mean(gray(x)), 0, 1)`. `0` gives a flat grey image, `1` the input.
 *
 * @param images `[N, H, W, 1 | 3]` in [0, 1].
 * @param factor One non-negative factor, or one per image.
 * @category Ops
 */
export function adjustContrast(
  images: tf.Tensor4D,
  factor: number | ArrayLike<number>,
): tf.Tensor4D {
  assertImages(images, 'adjustContrast', { channels: [1, 3] });
  const f = perImage(factor, images.shape[0], 'adjustContrast', 'factor');
  return tf.tidy(() => blend(images, meanLuma(images), column(f)));
}
