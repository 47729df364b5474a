import * as tf from '@tensorflow/tfjs-core';
import { assertSameShape } from '@tessera/core';
import type { TensorLike2D } from '@tessera/core';
import { toBoxes } from '../internal/to-boxes';

/**
 * Box regression targets relative to anchors (d2l's `offset_boxes`): in centre form,
 * `(10·(cx − cx_a)/w_a, 10·(cy − cy_a)/h_a, 5·log(eps + w/w_a), 5·log(eps + h/h_a))`.
 *
 * @param anchors - `[numAnchors, 4]` `xyxy`.
 * @param boxes - `[numAnchors, 4]` `xyxy`, the box assigned to each anchor.
 * @param options - Options:
 * @param options.eps - Inside the log (so `decodeOffsets(encodeOffsets(b)) ≈ b` up to ~1e-6·w_a). Default `1e-6`.
 * @returns `[numAnchors, 4]` offsets.
 * @category Anchors
 */
export function encodeOffsets(
  anchors: tf.Tensor2D | TensorLike2D,
  boxes: tf.Tensor2D | TensorLike2D,
  { eps = 1e-6 }: { eps?: number } = {},
): tf.Tensor2D {
  return tf.tidy(() => {
    const a = toBoxes(anchors, 'encodeOffsets', 'anchors');
    const b = toBoxes(boxes, 'encodeOffsets', 'boxes');
    assertSameShape(a, b, 'encodeOffsets', 'anchors', 'boxes');
    const [axy, awh] = centerForm(a);
    const [bxy, bwh] = centerForm(b);
    return tf.concat(
      [tf.mul(tf.div(tf.sub(bxy, axy), awh), 10), tf.mul(tf.log(tf.add(tf.div(bwh, awh), eps)), 5)],
      1,
    ) as tf.Tensor2D;
  });
}

/** `[centres, sizes]` of `xyxy` boxes, each `[n, 2]`. @internal */
export function centerForm(boxes: tf.Tensor2D): [tf.Tensor2D, tf.Tensor2D] {
  const lo = tf.slice(boxes, [0, 0], [-1, 2]);
  const hi = tf.slice(boxes, [0, 2], [-1, 2]);
  return [tf.div(tf.add(lo, hi), 2) as tf.Tensor2D, tf.sub(hi, lo) as tf.Tensor2D];
}
