import * as tf from '@tensorflow/tfjs-core';
import { assertSameShape } from '@tessera/core';
import type { TensorLike2D } from '@tessera/core';
import { toBoxes } from '../internal/to-boxes';
import { centerForm } from './encode-offsets';

/**
 * Boxes from anchors and predicted offsets (d2l's `offset_inverse`), the inverse of
 * {@link encodeOffsets} without its eps: `cx = o_x·w_a/10 + cx_a`, `w = exp(o_w/5)·w_a`, back to `xyxy`.
 * Differentiable in the offsets.
 *
 * @param anchors - `[numAnchors, 4]` `xyxy`.
 * @param offsets - `[numAnchors, 4]`.
 * @returns `[numAnchors, 4]` `xyxy`.
 * @category Anchors
 */
export function decodeOffsets(
  anchors: tf.Tensor2D | TensorLike2D,
  offsets: tf.Tensor2D | TensorLike2D,
): tf.Tensor2D {
  return tf.tidy(() => {
    const a = toBoxes(anchors, 'decodeOffsets', 'anchors');
    const o = toBoxes(offsets, 'decodeOffsets', 'offsets');
    assertSameShape(a, o, 'decodeOffsets', 'anchors', 'offsets');
    const [axy, awh] = centerForm(a);
    const xy = tf.add(tf.div(tf.mul(tf.slice(o, [0, 0], [-1, 2]), awh), 10), axy);
    const half = tf.div(tf.mul(tf.exp(tf.div(tf.slice(o, [0, 2], [-1, 2]), 5)), awh), 2);
    return tf.concat([tf.sub(xy, half), tf.add(xy, half)], 1) as tf.Tensor2D;
  });
}
