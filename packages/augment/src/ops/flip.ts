import * as tf from '@tensorflow/tfjs-core';
import { applyToSubset } from '../internal/per-image';
import { assertImages, fail } from '../internal/validate';

function flipWhere(images: tf.Tensor4D, flags: ArrayLike<boolean> | undefined, axis: 1 | 2, name: string): tf.Tensor4D {
  assertImages(images, name);
  const n = images.shape[0];
  if (flags === undefined) return tf.reverse(images, axis);
  if (flags.length !== n) fail(name, 'flags', `flags must have one entry per image (${n}), got ${flags.length}.`);
  const chosen: number[] = [];
  for (let i = 0; i < n; i++) if (flags[i]) chosen.push(i);
  return applyToSubset(images, chosen, (x) => tf.reverse(x, axis));
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
