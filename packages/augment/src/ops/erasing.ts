import * as tf from '@tensorflow/tfjs-core';
import { column } from '../internal/per-image';
import { assertImages, fail } from '../internal/validate';
import { readCropBoxes, type CropBox } from './crop-box';

/**
 * Fills one rectangle per image with `value` — torchvision's `erase` (cutout). `null` leaves that
 * image unchanged. The mask is built with tensor comparisons, not a pixel loop.
 *
 * @param images `[N, H, W, C]`.
 * @param boxes One `[top, left, height, width]` (or `null`) per image.
 * @param value Fill value. Default `0`.
 * @category Ops
 */
export function applyErasing(
  images: tf.Tensor4D,
  boxes: ReadonlyArray<CropBox | null>,
  value = 0,
): tf.Tensor4D {
  assertImages(images, 'applyErasing');
  const [n, h, w] = images.shape;
  if (!Array.isArray(boxes) || boxes.length !== n) {
    fail(
      'applyErasing',
      'boxes',
      `boxes must have one entry per image (${n}), got ${Array.isArray(boxes) ? boxes.length : typeof boxes}.`,
    );
  }
  if (!Number.isFinite(value)) fail('applyErasing', 'value', `value must be finite, got ${value}.`);
  const real = boxes.map((b) => b ?? ([0, 0, 1, 1] as const));
  readCropBoxes(real, n, h, w, 'applyErasing');
  const top = real.map((b, i) => (boxes[i] ? b[0] : h));
  const left = real.map((b) => b[1]);
  const bottom = real.map((b, i) => (boxes[i] ? b[0] + b[2] : h));
  const right = real.map((b) => b[1] + b[3]);
  return tf.tidy(() => {
    const ys = tf.reshape(tf.range(0, h, 1, 'float32'), [1, h, 1, 1]);
    const xs = tf.reshape(tf.range(0, w, 1, 'float32'), [1, 1, w, 1]);
    const inside = tf.logicalAnd(
      tf.logicalAnd(tf.greaterEqual(ys, column(top)), tf.less(ys, column(bottom))),
      tf.logicalAnd(tf.greaterEqual(xs, column(left)), tf.less(xs, column(right))),
    );
    return tf.where(inside, tf.fill(images.shape, value), images) as tf.Tensor4D;
  });
}
