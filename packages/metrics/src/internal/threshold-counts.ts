/**
 * Cumulative true- and false-positive counts at each distinct score, highest score first — what
 * scikit-learn's `_binary_clf_curve` returns: `thresholds[k]` is the k-th largest distinct score,
 * `tps[k]`/`fps[k]` count the positives/negatives with a score ≥ it. Tied scores form one point.
 * @internal
 */
export interface ThresholdCounts {
  thresholds: Float64Array;
  tps: Float64Array;
  fps: Float64Array;
}

/**
 * Sorts the positives' and the negatives' scores apart (native typed-array sorts, no comparator)
 * and merges them from the top, so a million scores take two numeric sorts and one pass. @internal
 */
export function thresholdCounts(scores: Float64Array, labels: Uint8Array): ThresholdCounts {
  let numPositive = 0;
  for (let i = 0; i < labels.length; i++) numPositive += labels[i] as number;
  const pos = new Float64Array(numPositive);
  const neg = new Float64Array(labels.length - numPositive);
  for (let i = 0, p = 0, q = 0; i < labels.length; i++) {
    if (labels[i] === 1) pos[p++] = scores[i] as number;
    else neg[q++] = scores[i] as number;
  }
  pos.sort();
  neg.sort();
  const thresholds = new Float64Array(labels.length);
  const tps = new Float64Array(labels.length);
  const fps = new Float64Array(labels.length);
  let i = pos.length - 1;
  let j = neg.length - 1;
  let tp = 0;
  let fp = 0;
  let k = 0;
  while (i >= 0 || j >= 0) {
    const t = Math.max(
      i >= 0 ? (pos[i] as number) : -Infinity,
      j >= 0 ? (neg[j] as number) : -Infinity,
    );
    while (i >= 0 && pos[i] === t) {
      tp++;
      i--;
    }
    while (j >= 0 && neg[j] === t) {
      fp++;
      j--;
    }
    thresholds[k] = t;
    tps[k] = tp;
    fps[k] = fp;
    k++;
  }
  return { thresholds: thresholds.slice(0, k), tps: tps.slice(0, k), fps: fps.slice(0, k) };
}
