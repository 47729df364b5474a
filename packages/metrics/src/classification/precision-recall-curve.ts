import type * as tf from '@tensorflow/tfjs-core';
import type { TensorLike1D } from '@tessera/core';
import { readBinaryInputs } from '../internal/binary-inputs';
import { thresholdCounts } from '../internal/threshold-counts';

/** A precision-recall curve, scikit-learn's layout. @category Classification */
export interface PrecisionRecallCurve {
  /** `[numThresholds + 1]`, by increasing threshold, ending with 1. */
  precision: Float64Array;
  /** `[numThresholds + 1]`, by increasing threshold (decreasing recall), ending with 0. */
  recall: Float64Array;
  /** The distinct scores, increasing. */
  thresholds: Float64Array;
}

/**
 * Precision and recall at every distinct score, as scikit-learn 1.2's `precision_recall_curve`:
 * tied scores form one threshold, arrays run by increasing threshold and end with the point
 * (precision 1, recall 0) that has no threshold. Every threshold is returned (scikit-learn before
 * 1.1 cut the curve at full recall).
 *
 * With no positive label, recall is 1 everywhere (scikit-learn warns and does the same).
 *
 * @param scores - Higher means more likely positive. Finite.
 * @param labels - 0/1 (or booleans), same length.
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} on different lengths, a non-finite score or a label other
 *   than 0/1 (naming the index).
 * @example
 * ```ts
 * const { precision, recall, thresholds } = precisionRecallCurve([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]);
 * // precision [0.667, 0.5, 1, 1], recall [1, 0.5, 0.5, 0], thresholds [0.35, 0.4, 0.8]
 * ```
 * @category Classification
 */
export function precisionRecallCurve(
  scores: tf.Tensor1D | TensorLike1D,
  labels: tf.Tensor1D | TensorLike1D | readonly boolean[],
): PrecisionRecallCurve {
  const {
    scores: s,
    labels: l,
    numPositive,
  } = readBinaryInputs(scores, labels, 'precisionRecallCurve');
  const { thresholds, tps, fps } = thresholdCounts(s, l);
  const n = thresholds.length;
  const precision = new Float64Array(n + 1);
  const recall = new Float64Array(n + 1);
  const increasing = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const at = n - 1 - k; // reverse: increasing thresholds
    const tp = tps[at] as number;
    const predicted = tp + (fps[at] as number);
    precision[k] = predicted !== 0 ? tp / predicted : 0;
    recall[k] = numPositive === 0 ? 1 : tp / numPositive;
    increasing[k] = thresholds[at] as number;
  }
  precision[n] = 1;
  recall[n] = 0;
  return { precision, recall, thresholds: increasing };
}
