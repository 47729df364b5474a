import type { CocoCurves } from './coco-accumulate';

/** Dimensions of the accumulated arrays and the parameters `summarize` looks up. @internal */
export interface CocoShape {
  iouThresholds: readonly number[];
  R: number;
  K: number;
  A: number;
  maxDets: readonly number[];
}

/**
 * pycocotools' `_summarize`: the mean of the defined (> −1) entries of precision (AP) or recall
 * (AR) at one area range and one `maxDets` value, over all IoU thresholds or the one equal to
 * `iouThreshold`, and optionally one category; −1 when nothing is defined — including when
 * `maxDets` or `iouThreshold` is not among the parameters (pycocotools' headline-AP quirk).
 * @internal
 */
export function summarizeCoco(
  curves: CocoCurves,
  shape: CocoShape,
  what: 'ap' | 'ar',
  area: number,
  maxDets: number,
  iouThreshold?: number,
  category?: number,
): number {
  const { iouThresholds, R, K, A } = shape;
  const T = iouThresholds.length;
  const M = shape.maxDets.length;
  const m = shape.maxDets.indexOf(maxDets);
  if (m < 0) return -1;
  let sum = 0;
  let count = 0;
  for (let t = 0; t < T; t++) {
    if (iouThreshold !== undefined && iouThresholds[t] !== iouThreshold) continue;
    for (let k = category ?? 0; k < (category ?? K - 1) + 1; k++) {
      if (what === 'ar') {
        const v = curves.recall[((t * K + k) * A + area) * M + m] as number;
        if (v > -1) [sum, count] = [sum + v, count + 1];
        continue;
      }
      for (let r = 0; r < R; r++) {
        const v = curves.precision[(((t * R + r) * K + k) * A + area) * M + m] as number;
        if (v > -1) [sum, count] = [sum + v, count + 1];
      }
    }
  }
  return count === 0 ? -1 : sum / count;
}
