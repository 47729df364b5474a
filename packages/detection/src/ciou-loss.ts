import * as tf from '@tensorflow/tfjs-core';
import { stopGradient } from '@tessera/core';
import type { TensorLike2D } from '@tessera/core';
import { aspectTerm } from './internal/box-geometry';
import { type BoxLossOptions, pairedLoss } from './internal/paired-loss';

/**
 * CIoU loss of paired boxes, `DIoU loss + α·v`, as torchvision's `complete_box_iou_loss`
 * (α constant in the gradient).
 *
 * @param predicted - `[numBoxes, 4]` `xyxy`.
 * @param target - `[numBoxes, 4]` `xyxy`.
 * @returns Scalar (or `[numBoxes]` with `reduction: 'none'`).
 * @category Box losses
 */
export function ciouLoss(
  predicted: tf.Tensor2D | TensorLike2D,
  target: tf.Tensor2D | TensorLike2D,
  { reduction = 'mean', eps = 1e-7 }: BoxLossOptions = {},
): tf.Tensor {
  return pairedLoss(predicted, target, 'ciouLoss', reduction, (g) => {
    const iou = tf.div(g.inter, tf.add(g.union, eps));
    const diouLoss = tf.add(
      tf.sub(1, iou),
      tf.div(g.centerDistance2, tf.add(g.enclosingDiagonal2, eps)),
    );
    const v = aspectTerm(g);
    const alpha = stopGradient(tf.div(v, tf.add(tf.add(tf.sub(1, iou), v), eps)));
    return tf.add(diouLoss, tf.mul(alpha, v));
  });
}
