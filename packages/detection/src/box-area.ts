import * as tf from '@tensorflow/tfjs-core';
import type { TensorLike2D } from '@tessera/core';
import { toBoxes } from './internal/to-boxes';

/**
 * Area of `xyxy` boxes, `(x2 − x1)·(y2 − y1)` (continuous coordinates, no +1; torchvision's `box_area`).
 *
 * @param boxes - `[numBoxes, 4]` `xyxy`.
 * @returns `[numBoxes]`.
 * @category Box ops
 */
export function boxArea(boxes: tf.Tensor2D | TensorLike2D): tf.Tensor1D {
  return tf.tidy(() => {
    const [x1, y1, x2, y2] = tf.unstack(toBoxes(boxes, 'boxArea', 'boxes'), 1) as tf.Tensor1D[];
    return tf.mul(tf.sub(x2!, x1!), tf.sub(y2!, y1!)) as tf.Tensor1D;
  });
}
