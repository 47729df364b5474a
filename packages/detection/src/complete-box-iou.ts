import * as tf from '@tensorflow/tfjs-core';
import type { TensorLike2D } from '@tessera/core';
import { aspectTerm } from './internal/box-geometry';
import { pairwise } from './internal/pairwise';
import { stopGradient } from '@tessera/core';

/**
 * Complete IoU of every pair (Zheng et al. 2020; torchvision 0.14's `complete_box_iou`):
 * `DIoU − α·v` with `v = 4/π² (atan(w₂/h₂) − atan(w₁/h₁))²` and `α = v / (1 − IoU + v + eps)`,
 * α treated as a constant in the gradient (torchvision computes it under `no_grad`).
 *
 * @param boxes1 - `[n, 4]` `xyxy`.
 * @param boxes2 - `[m, 4]` `xyxy`.
 * @param options - Options:
 * @param options.eps - Default `1e-7` (torchvision's; the paper has none).
 * @returns `[n, m]`.
 * @category Box ops
 */
export function completeBoxIou(
  boxes1: tf.Tensor2D | TensorLike2D,
  boxes2: tf.Tensor2D | TensorLike2D,
  { eps = 1e-7 }: { eps?: number } = {},
): tf.Tensor2D {
  return pairwise(boxes1, boxes2, 'completeBoxIou', (g) => {
    const iou = tf.div(g.inter, g.union);
    const diou = tf.sub(iou, tf.div(g.centerDistance2, tf.add(g.enclosingDiagonal2, eps)));
    const v = aspectTerm(g);
    const alpha = stopGradient(tf.div(v, tf.add(tf.add(tf.sub(1, iou), v), eps)));
    return tf.sub(diou, tf.mul(alpha, v));
  });
}
