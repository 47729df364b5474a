import type * as tf from '@tensorflow/tfjs-core';
import * as ops from '@tensorflow/tfjs-core';
import type { TensorLike2D } from '@tessera/core';
import { pairwise } from './internal/pairwise';

/**
 * Intersection over union of every pair of boxes (torchvision's `box_iou`): `[n, m]`, `xyxy`,
 * continuous coordinates. Two zero-area boxes give 0/0 = NaN, as in torchvision. Differentiable.
 *
 * @param boxes1 - `[n, 4]` `xyxy`.
 * @param boxes2 - `[m, 4]` `xyxy`.
 * @returns `[n, m]`.
 * @example
 * ```ts
 * boxIou([[0, 0, 2, 2]], [[1, 1, 3, 3]]); // [[1 / 7]]
 * ```
 * @category Box ops
 */
export function boxIou(
  boxes1: tf.Tensor2D | TensorLike2D,
  boxes2: tf.Tensor2D | TensorLike2D,
): tf.Tensor2D {
  return pairwise(boxes1, boxes2, 'boxIou', (g) => ops.div(g.inter, g.union));
}
