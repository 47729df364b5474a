import * as tf from '@tensorflow/tfjs-core';
import { selectImages } from '../internal/per-image';
import { assertImages, fail } from '../internal/validate';

/**
 * Left–right through the `FlipLeftRight` kernel and top–bottom as a transposed left–right flip:
 * `tf.reverse` is ten times slower on wasm.
 */
function flipAll(images: tf.Tensor4D, axis: 1 | 2): tf.Tensor4D {
  return tf.tidy(() =>
    axis === 2
      ? tf.image.flipLeftRight(images)
      : tf.transpose(tf.image.flipLeftRight(tf.transpose(images, [0, 2, 1, 3])), [0, 2, 1, 3]),
  );
}

function flipWhere(
  images: tf.Tensor4D,
  flags: ArrayLike<boolean> | undefined,
  axis: 1 | 2,
  name: string,
): tf.Tensor4D {
  assertImages(images, name);
  const n = images.shape[0];
  if (flags === undefined) return flipAll(images, axis);
  if (flags.length !== n)
    fail(name, 'flags', `flags must have one entry per image (${n}), got ${flags.length}.`);
  return selectImages(flags, () => flipAll(images, axis), images);
}

/**
 * Mirrors images left–right (`tf.image.flipLeftRight`); with `flags`, only the images whose flag is set.
 * @param images `[N, H, W, C]`.
 * @param flags One boolean per image; default all.
 * @category Ops
 */
export function flipHorizontal(images: tf.Tensor4D, flags?: ArrayLike<boolean>): tf.Tensor4D {
  return flipWhere(images, flags, 2, 'flipHorizontal');
}

/**
 * Mirrors images top–bottom; with `flags`, only the images whose flag is set.
 * @category Ops
 */
export function flipVertical(images: tf.Tensor4D, flags?: ArrayLike<boolean>): tf.Tensor4D {
  return flipWhere(images, flags, 1, 'flipVertical');
}
