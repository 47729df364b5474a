import * as tf from '@tensorflow/tfjs-core';
import { assertImages, fail, perImage } from '../internal/validate';
import { rotateHue } from './hsv';

/**
 * Rotates each image's hue by its factor (a fraction of the colour wheel) — torchvision's
 * `adjust_hue`: RGB → HSV, `h ← (h + f) mod 1`, HSV → RGB. `±0.5` gives the complementary
 * colours, `0` the input (up to float rounding of the HSV round trip); 1-channel images are
 * returned unchanged. Values must lie in [0, 1] (HSV is defined there).
 *
 * @param images `[N, H, W, 1 | 3]` in [0, 1].
 * @param factor One factor in [−0.5, 0.5], or one per image.
 * @category Ops
 */
export function adjustHue(images: tf.Tensor4D, factor: number | ArrayLike<number>): tf.Tensor4D {
  assertImages(images, 'adjustHue', { channels: [1, 3] });
  const f = perImage(factor, images.shape[0], 'adjustHue', 'factor');
  f.forEach((v, i) => {
    if (v < -0.5 || v > 0.5)
      fail('adjustHue', 'factor', `factor must be in [-0.5, 0.5], got ${v} (image ${i}).`);
  });
  if (images.shape[3] === 1) return tf.clone(images);
  return tf.tidy(() => rotateHue(images, tf.tensor3d(f, [f.length, 1, 1])));
}
