/**
 * The per-item precision/recall sequence that VOC and COCO interpolate: items sorted by score,
 * highest first, ties in input order (a stable sort, as pycocotools' `mergesort`); after item
 * `i`, `recall[i] = TP / numPositive` and `precision[i] = TP / (TP + FP + ε)`. @internal
 */
export interface RankedCurve {
  recall: Float64Array;
  precision: Float64Array;
}

/** Indices of `scores` sorted by score descending, ties by lower index first. @internal */
export function stableArgsortDescending(scores: ArrayLike<number>): Int32Array {
  const order = new Int32Array(scores.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
}

/**
 * Cumulative curve from 0/1 `hits` already in rank order. `eps` is added to the precision's
 * denominator as COCO does (`np.spacing(1)`, which moves TP/1 off 1 in the last bit); VOC divides
 * by `max(TP + FP, ε)`, i.e. by TP + FP itself, which is `eps = 0` here. @internal
 */
export function rankedCurve(hits: ArrayLike<number>, numPositive: number, eps = 0): RankedCurve {
  const n = hits.length;
  const recall = new Float64Array(n);
  const precision = new Float64Array(n);
  let tp = 0;
  for (let i = 0; i < n; i++) {
    tp += hits[i] as number;
    recall[i] = tp / numPositive;
    precision[i] = tp / (i + 1 + eps);
  }
  return { recall, precision };
}
