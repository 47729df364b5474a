import * as tf from '@tensorflow/tfjs-core';
import { assertOneOf, BOX_FORMATS } from '@tessera/core';
import type { BoxFormat, TensorLike2D } from '@tessera/core';
import { toBoxes } from './internal/to-boxes';

/**
 * Converts boxes between layouts (torchvision's `box_convert`, plus TF.js's `yxyx`):
 * `xyxy` = `[x1, y1, x2, y2]`, `xywh` = `[x, y, width, height]` (COCO), `cxcywh` =
 * `[centerX, centerY, width, height]`, `yxyx` = `[y1, x1, y2, x1]` (`tf.image.nonMaxSuppression`).
 * Differentiable; zero-area boxes convert exactly.
 *
 * @param boxes - `[numBoxes, 4]` in `from` layout: a tensor or a nested array.
 * @returns `[numBoxes, 4]` float32 tensor in `to` layout.
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} for an unknown format or a shape other than `[numBoxes, 4]`.
 * @example
 * ```ts
 * convertBoxes([[10, 20, 30, 40]], 'xywh', 'xyxy'); // [[10, 20, 40, 60]]
 * ```
 * @category Box ops
 */
export function convertBoxes(
  boxes: tf.Tensor2D | TensorLike2D,
  from: BoxFormat,
  to: BoxFormat,
): tf.Tensor2D {
  assertOneOf(from, BOX_FORMATS, 'convertBoxes', 'from');
  assertOneOf(to, BOX_FORMATS, 'convertBoxes', 'to');
  return tf.tidy(() => fromXyxy(toXyxy(toBoxes(boxes, 'convertBoxes', 'boxes'), from), to));
}

function toXyxy(b: tf.Tensor2D, from: BoxFormat): tf.Tensor2D {
  const [c0, c1, c2, c3] = tf.unstack(b, 1) as [tf.Tensor1D, tf.Tensor1D, tf.Tensor1D, tf.Tensor1D];
  switch (from) {
    case 'xyxy':
      return b;
    case 'yxyx':
      return tf.stack([c1, c0, c3, c2], 1) as tf.Tensor2D;
    case 'xywh':
      return tf.stack([c0, c1, tf.add(c0, c2), tf.add(c1, c3)], 1) as tf.Tensor2D;
    case 'cxcywh': {
      const hw = tf.div(c2, 2);
      const hh = tf.div(c3, 2);
      return tf.stack(
        [tf.sub(c0, hw), tf.sub(c1, hh), tf.add(c0, hw), tf.add(c1, hh)],
        1,
      ) as tf.Tensor2D;
    }
  }
}

function fromXyxy(b: tf.Tensor2D, to: BoxFormat): tf.Tensor2D {
  const [x1, y1, x2, y2] = tf.unstack(b, 1) as [tf.Tensor1D, tf.Tensor1D, tf.Tensor1D, tf.Tensor1D];
  switch (to) {
    case 'xyxy':
      return tf.clone(b);
    case 'yxyx':
      return tf.stack([y1, x1, y2, x2], 1) as tf.Tensor2D;
    case 'xywh':
      return tf.stack([x1, y1, tf.sub(x2, x1), tf.sub(y2, y1)], 1) as tf.Tensor2D;
    case 'cxcywh':
      return tf.stack(
        [tf.div(tf.add(x1, x2), 2), tf.div(tf.add(y1, y2), 2), tf.sub(x2, x1), tf.sub(y2, y1)],
        1,
      ) as tf.Tensor2D;
  }
}
