import * as tf from '@tensorflow/tfjs-core';
import { assertImages } from '../internal/validate';

/** ITU-R 601-2 luma weights, as torchvision's `rgb_to_grayscale` (0.2989, not 0.299). @internal */
export const LUMA = [0.2989, 0.587, 0.114] as const;

/**
 * `[N, H, W, k]` made of `k` copies of the luma of an RGB batch, as one `[N·H·W, 3] × [3, k]` matrix
 * product (splitting the channel axis is ten times slower on wasm). @internal
 */
function lumaTimes(images: tf.Tensor4D, k: number): tf.Tensor4D {
  const [n, h, w] = images.shape;
  return tf.tidy(() => {
    const weights = tf.tensor2d(
      LUMA.flatMap((v) => Array.from({ length: k }, () => v)),
      [3, k],
    );
    return tf.reshape(tf.matMul(tf.reshape(images, [n * h * w, 3]), weights), [n, h, w, k]);
  });
}

/** `[N, H, W, 1]` luma of an RGB batch (a 1-channel batch is returned as a copy). @internal */
export function luma(images: tf.Tensor4D): tf.Tensor4D {
  return images.shape[3] === 1 ? tf.clone(images) : lumaTimes(images, 1);
}

/** `[N, 1, 1, 1]`: the mean of each image's luma (= the luma of its channel means). @internal */
export function meanLuma(images: tf.Tensor4D): tf.Tensor4D {
  const n = images.shape[0];
  return tf.tidy(() => {
    const means = tf.mean(images, [1, 2]); // [N, C]
    const m = images.shape[3] === 1 ? means : tf.matMul(means, tf.tensor2d([...LUMA], [3, 1]));
    return tf.reshape(m, [n, 1, 1, 1]);
  });
}

/**
 * Converts RGB to grayscale with torchvision's weights `0.2989 R + 0.587 G + 0.114 B`, keeping the
 * channel count (`channels: 3`, the default, repeats the luma) or returning one channel.
 *
 * @param images `[N, H, W, 3]` (a 1-channel batch is returned unchanged).
 * @example
 * ```ts
 * const gray = rgbToGrayscale(images);                  // [N, H, W, 3], R = G = B
 * const luma = rgbToGrayscale(images, { channels: 1 }); // [N, H, W, 1]
 * ```
 * @category Ops
 */
export function rgbToGrayscale(
  images: tf.Tensor4D,
  { channels = 3 }: { channels?: 1 | 3 } = {},
): tf.Tensor4D {
  assertImages(images, 'rgbToGrayscale', { channels: [1, 3] });
  if (images.shape[3] === 1) return tf.clone(images);
  return lumaTimes(images, channels);
}
