import * as tf from '@tensorflow/tfjs-core';
import type { TensorLike2D } from '@tessera/core';
import { pairwise } from './internal/pairwise';

/**
 * Distance IoU of every pair (Zheng et al. 2020; torchvision 0.14's `distance_box_iou`):
 * `IoU − ρ²(centres) / (c² + eps)` with c the enclosing box's diagonal. Differentiable.
 *
 * @param boxes1 - `[n, 4]` `xyxy`.
 * @param boxes2 - `[m, 4]` `xyxy`.
 * @param options - Options:
 * @param options.eps - Added to c². Default `1e-7` (torchvision's).
 * @returns `[n, m]`.
 * @category Box ops
 */
export function distanceBoxIou(
  boxes1: tf.Tensor2D | TensorLike2D,
  boxes2: tf.Tensor2D | TensorLike2D,
  { eps = 1e-7 }: { eps?: number } = {},
): tf.Tensor2D {
  return pairwise(boxes1, boxes2, 'distanceBoxIou', (g) =>
    tf.sub(tf.div(g.inter, g.union), tf.div(g.centerDistance2, tf.add(g.enclosingDiagonal2, eps))),
  );
}
