import type * as tf from '@tensorflow/tfjs-core';
import { assertOneOf, type TensorLike1D } from '@tessera/core';
import { readBinaryInputs } from '../internal/binary-inputs';
import {
  COCO_RECALL_THRESHOLDS,
  cocoInterpolate,
  voc07Ap,
  vocAllPointAp,
} from '../internal/interpolated-ap';
import { rankedCurve, stableArgsortDescending } from '../internal/ranked-curve';
import { thresholdCounts } from '../internal/threshold-counts';

/** The AP definitions {@link averagePrecision} knows. @category Classification */
export const AP_METHODS = ['sklearn', 'voc11', 'voc', 'coco101'] as const;
/** @category Classification */
export type ApMethod = (typeof AP_METHODS)[number];

/** Options of {@link averagePrecision}. @category Classification */
export interface AveragePrecisionOptions {
  /**
   * - `'sklearn'` (default): scikit-learn's `average_precision_score`, Σ (Rₖ − Rₖ₋₁) Pₖ over
   *   distinct thresholds, no interpolation, tied scores grouped.
   * - `'voc11'`: VOC2007's 11-point interpolated AP (py-faster-rcnn).
   * - `'voc'`: VOC2010+ all-point AP (area under the precision envelope).
   * - `'coco101'`: COCO's 101-recall-point interpolated AP for this one ranking.
   *
   * The last three walk the items one by one in score order, ties in input order (stable), as
   * the detection references do.
   */
  method?: ApMethod;
  /**
   * For `'voc11'`: use the exact thresholds `i / 10` instead of `np.arange(0, 1.1, 0.1)`'s
   * rounded ones (0.30000000000000004, 0.6000000000000001, 0.7000000000000001), which
   * py-faster-rcnn and the VOC devkit use and which are the default. Default `false`.
   */
  exactThresholds?: boolean;
}

/**
 * Average precision of a binary ranking (float64, on the CPU).
 *
 * With no positive label, `'sklearn'` returns 0 as scikit-learn 1.2 does (it also warns), and
 * the interpolated methods return 0 as well (their recall is 0/0 there; the references give NaN
 * or crash) — check your labels when AP is 0.
 *
 * @param scores - Finite; higher means more likely positive.
 * @param labels - 0/1 (or booleans), same length.
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} on different lengths, a non-finite score, a label other
 *   than 0/1, or an unknown method.
 * @example
 * ```ts
 * averagePrecision([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]); // 0.8333…
 * averagePrecision([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1], { method: 'voc' }); // 0.8333…
 * ```
 * @category Classification
 */
export function averagePrecision(
  scores: tf.Tensor1D | TensorLike1D,
  labels: tf.Tensor1D | TensorLike1D | readonly boolean[],
  { method = 'sklearn', exactThresholds = false }: AveragePrecisionOptions = {},
): number {
  const fn = 'averagePrecision';
  assertOneOf(method, AP_METHODS, fn, 'method');
  const { scores: s, labels: l, numPositive } = readBinaryInputs(scores, labels, fn);
  if (numPositive === 0) return 0;
  if (method === 'sklearn') {
    const { tps, fps } = thresholdCounts(s, l);
    let ap = 0;
    let previousRecall = 0;
    for (let k = 0; k < tps.length; k++) {
      const tp = tps[k] as number;
      const r = tp / numPositive;
      ap += (r - previousRecall) * (tp / (tp + (fps[k] as number)));
      previousRecall = r;
    }
    return ap;
  }
  const order = stableArgsortDescending(s);
  const hits = new Uint8Array(order.length);
  for (let i = 0; i < order.length; i++) hits[i] = l[order[i] as number] as number;
  if (method === 'coco101') {
    const { recall, precision } = rankedCurve(hits, numPositive, Number.EPSILON);
    const q = new Float64Array(COCO_RECALL_THRESHOLDS.length);
    cocoInterpolate(recall, precision, COCO_RECALL_THRESHOLDS, q);
    let sum = 0;
    for (const v of q) sum += v;
    return sum / q.length;
  }
  const { recall, precision } = rankedCurve(hits, numPositive);
  return method === 'voc11'
    ? voc07Ap(recall, precision, exactThresholds)
    : vocAllPointAp(recall, precision);
}
