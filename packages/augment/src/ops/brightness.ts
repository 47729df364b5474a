import * as tf from '@tensorflow/tfjs-core';
import { column } from '../internal/per-image';
import { assertImages, perImage } from '../internal/validate';
import { blend } from './blend';

/**
 * Multiplies each image by its factor and clamps to [0, 1] — torchvision's `adjust_brightness`.
 * `0` gives black, `1` the input.
 *
 * @param images `[N, H, W, C]` in [0, 1].
 * @param factor One non-negative factor, or one per image.
 * @example
 * ```ts
 * const brighter = adjustBrightness(images, 1.3);
 * const each = adjustBrightness(images, [0.8, 1.0, 1.2]); // N = 3
 * ```
 * @category Ops
 */
export function adjustBrightness(
  images: tf.Tensor4D,
  factor: number | ArrayLike<number>,
): tf.Tensor4D {
  assertImages(images, 'adjustBrightness');
  const f = perImage(factor, images.shape[0], 'adjustBrightness', 'factor');
  return tf.tidy(() => blend(images, tf.scalar(0), column(f)));
}
