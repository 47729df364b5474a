import * as tf from '@tensorflow/tfjs-core';
import type { TensorLike2D } from '@tessera/core';
import { type BoxLossOptions, pairedLoss } from './internal/paired-loss';

/**
 * DIoU loss of paired boxes, `1 − IoU + ρ²/(c² + eps)`, as torchvision's `distance_box_iou_loss`.
 *
 * @param predicted - `[numBoxes, 4]` `xyxy`.
 * @param target - `[numBoxes, 4]` `xyxy`.
 * @returns Scalar (or `[numBoxes]` with `reduction: 'none'`).
 * @category Box losses
 */
export function diouLoss(
  predicted: tf.Tensor2D | TensorLike2D,
  target: tf.Tensor2D | TensorLike2D,
  { reduction = 'mean', eps = 1e-7 }: BoxLossOptions = {},
): tf.Tensor {
  return pairedLoss(predicted, target, 'diouLoss', reduction, (g) =>
    tf.add(
      tf.sub(1, tf.div(g.inter, tf.add(g.union, eps))),
      tf.div(g.centerDistance2, tf.add(g.enclosingDiagonal2, eps)),
    ),
  );
}
