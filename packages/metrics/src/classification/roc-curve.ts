import type * as tf from '@tensorflow/tfjs-core';
import type { TensorLike1D } from '@tessera/core';
import { readBinaryInputs } from '../internal/binary-inputs';
import { thresholdCounts } from '../internal/threshold-counts';

/** A ROC curve, scikit-learn's layout. @category Classification */
export interface RocCurve {
  /** False-positive rate, increasing, from 0. */
  fpr: Float64Array;
  /** True-positive rate, increasing, from 0. */
  tpr: Float64Array;
  /** Decreasing; the first is `max(score) + 1`, the point where nothing is predicted positive. */
  thresholds: Float64Array;
}

/** Options of {@link rocCurve}. @category Classification */
export interface RocCurveOptions {
  /**
   * Drop the thresholds that are collinear with their neighbours and do not change the curve's
   * shape, as scikit-learn does by default. Default `true`.
   */
  dropIntermediate?: boolean;
}

/**
 * The receiver operating characteristic, as scikit-learn 1.2's `roc_curve`: one point per distinct
 * score (ties grouped), preceded by (0, 0) at threshold `max(score) + 1`.
 *
 * With no negative label the FPR is NaN, and with no positive label the TPR is NaN, as in
 * scikit-learn (which warns).
 *
 * @param scores - Finite; higher means more likely positive.
 * @param labels - 0/1 (or booleans), same length.
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} on different lengths, a non-finite score or a label other than 0/1.
 * @example
 * ```ts
 * const { fpr, tpr } = rocCurve([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]);
 * // fpr [0, 0, 0.5, 0.5, 1], tpr [0, 0.5, 0.5, 1, 1]
 * ```
 * @category Classification
 */
export function rocCurve(
  scores: tf.Tensor1D | TensorLike1D,
  labels: tf.Tensor1D | TensorLike1D | readonly boolean[],
  { dropIntermediate = true }: RocCurveOptions = {},
): RocCurve {
  const { scores: s, labels: l } = readBinaryInputs(scores, labels, 'rocCurve');
  let { thresholds, tps, fps } = thresholdCounts(s, l);
  if (dropIntermediate && tps.length > 2) {
    const keep: number[] = [0];
    for (let k = 1; k < tps.length - 1; k++) {
      const secondFp = (fps[k + 1] as number) - 2 * (fps[k] as number) + (fps[k - 1] as number);
      const secondTp = (tps[k + 1] as number) - 2 * (tps[k] as number) + (tps[k - 1] as number);
      if (secondFp !== 0 || secondTp !== 0) keep.push(k);
    }
    keep.push(tps.length - 1);
    thresholds = Float64Array.from(keep, (k) => thresholds[k] as number);
    tps = Float64Array.from(keep, (k) => tps[k] as number);
    fps = Float64Array.from(keep, (k) => fps[k] as number);
  }
  const n = tps.length;
  const totalFp = n > 0 ? (fps[n - 1] as number) : 0;
  const totalTp = n > 0 ? (tps[n - 1] as number) : 0;
  const fpr = new Float64Array(n + 1);
  const tpr = new Float64Array(n + 1);
  const th = new Float64Array(n + 1);
  th[0] = n > 0 ? (thresholds[0] as number) + 1 : 1;
  for (let k = 0; k < n; k++) {
    fpr[k + 1] = (fps[k] as number) / totalFp;
    tpr[k + 1] = (tps[k] as number) / totalTp;
    th[k + 1] = thresholds[k] as number;
  }
  if (totalFp <= 0) fpr.fill(Number.NaN);
  if (totalTp <= 0) tpr.fill(Number.NaN);
  return { fpr, tpr, thresholds: th };
}
