import * as tf from '@tensorflow/tfjs-core';
import type { TensorLike2D } from '@tessera/core';
import { type BoxLossOptions, pairedLoss } from './internal/paired-loss';

/**
 * GIoU loss of paired boxes, `1 − GIoU(predicted[i], target[i])`, as torchvision's
 * `generalized_box_iou_loss` (eps in the IoU and enclosing-area denominators).
 *
 * @param predicted - `[numBoxes, 4]` `xyxy`.
 * @param target - `[numBoxes, 4]` `xyxy`.
 * @returns Scalar (or `[numBoxes]` with `reduction: 'none'`).
 * @category Box losses
 */
export function giouLoss(
  predicted: tf.Tensor2D | TensorLike2D,
  target: tf.Tensor2D | TensorLike2D,
  { reduction = 'mean', eps = 1e-7 }: BoxLossOptions = {},
): tf.Tensor {
  return pairedLoss(predicted, target, 'giouLoss', reduction, (g) => {
    const iou = tf.div(g.inter, tf.add(g.union, eps));
    const giou = tf.sub(
      iou,
      tf.div(tf.sub(g.enclosingArea, g.union), tf.add(g.enclosingArea, eps)),
    );
    return tf.sub(1, giou);
  });
}
