import * as tf from '@tensorflow/tfjs-core';
import type { TensorLike2D } from '@tessera/core';
import { pairwise } from './internal/pairwise';

/**
 * Generalized IoU of every pair (Rezatofighi et al. 2019; torchvision's `generalized_box_iou`):
 * `IoU − (C − U) / C` with C the area of the smallest enclosing box; in [−1, 1]. Differentiable.
 *
 * @param boxes1 - `[n, 4]` `xyxy`.
 * @param boxes2 - `[m, 4]` `xyxy`.
 * @returns `[n, m]`.
 * @category Box ops
 */
export function generalizedBoxIou(
  boxes1: tf.Tensor2D | TensorLike2D,
  boxes2: tf.Tensor2D | TensorLike2D,
): tf.Tensor2D {
  return pairwise(boxes1, boxes2, 'generalizedBoxIou', (g) =>
    tf.sub(tf.div(g.inter, g.union), tf.div(tf.sub(g.enclosingArea, g.union), g.enclosingArea)),
  );
}
