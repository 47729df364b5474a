import * as tf from '@tensorflow/tfjs-core';
import { assertImages } from '../internal/validate';

/** ITU-R 601-2 luma weights, as torchvision's `rgb_to_grayscale` (0.2989, not 0.299). @internal */
export const LUMA = [0.2989, 0.587, 0.114] as const;

/** `[N, H, W, 1]` luma of an RGB batch (a 1-channel batch is returned as a copy). @internal */
export function luma(images: tf.Tensor4D): tf.Tensor4D {
  if (images.shape[3] === 1) return tf.clone(images);
  return tf.tidy(() => {
    const [r, g, b] = tf.split(images, 3, 3) as [tf.Tensor4D, tf.Tensor4D, tf.Tensor4D];
    return tf.addN([tf.mul(r, LUMA[0]), tf.mul(g, LUMA[1]), tf.mul(b, LUMA[2])]) as tf.Tensor4D;
  });
}

/**
 * Converts RGB to grayscale with torchvision's weights `0.2989 R + 0.587 G + 0.114 B`, keeping the
 * channel count (`channels: 3`, the default, repeats the luma) or returning one channel.
 *
 * @param images `[N, H, W, 3]` (a 1-channel batch is returned unchanged).
 * @example
 * ```ts
 * const gray = rgbToGrayscale(images);               // [N, H, W, 3], R = G = B
 * const luma = rgbToGrayscale(images, { channels: 1 }); // [N, H, W, 1]
 * ```
 * @category Ops
 */
export function rgbToGrayscale(
  images: tf.Tensor4D,
  { channels = 3 }: { channels?: 1 | 3 } = {},
): tf.Tensor4D {
  assertImages(images, 'rgbToGrayscale', { channels: [1, 3] });
  return tf.tidy(() => {
    const l = luma(images);
    return channels === 3 && images.shape[3] === 3 ? (tf.tile(l, [1, 1, 1, 3]) as tf.Tensor4D) : l;
  });
}
