import type * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError, type TensorLike1D } from '@tessera/core';
import { rocCurve } from './roc-curve';

/**
 * Area under the ROC curve, as scikit-learn 1.2's binary `roc_auc_score`: the trapezoidal area
 * under {@link rocCurve} — P(score of a positive > score of a negative), ties counting ½.
 *
 * @param scores - Finite; higher means more likely positive.
 * @param labels - 0/1 (or booleans), same length, both classes present.
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} when only one class is present (AUC is undefined; scikit-learn
 *   raises too), on different lengths, a non-finite score or a label other than 0/1.
 * @example
 * ```ts
 * rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]); // 0.75
 * ```
 * @category Classification
 */
export function rocAuc(
  scores: tf.Tensor1D | TensorLike1D,
  labels: tf.Tensor1D | TensorLike1D | readonly boolean[],
): number {
  const { fpr, tpr } = rocCurve(scores, labels);
  if (Number.isNaN(fpr[fpr.length - 1]) || Number.isNaN(tpr[tpr.length - 1]))
    throw new InvalidArgumentError({
      functionName: 'rocAuc',
      argument: 'labels',
      detail: 'Only one class is present in labels; ROC AUC is not defined then.',
    });
  let area = 0;
  for (let k = 1; k < fpr.length; k++)
    area +=
      (((fpr[k] as number) - (fpr[k - 1] as number)) *
        ((tpr[k] as number) + (tpr[k - 1] as number))) /
      2;
  return area;
}
