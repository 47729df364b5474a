/**
 * The interpolated AP summaries of a per-item precision/recall sequence (see `rankedCurve`):
 * VOC2007's 11 points, VOC2010's all-point area and COCO's 101 recall points. @internal
 */

/**
 * VOC2007 11-point AP (py-faster-rcnn `voc_ap(use_07_metric=True)`): the mean over 11 recall
 * thresholds `t` of the best precision at recall ≥ `t` (0 when none). By default the thresholds
 * are `np.arange(0, 1.1, 0.1)`'s, i.e. `i · 0.1` with its rounding (0.30000000000000004, …), so
 * a recall of exactly 0.3 does not reach the fourth one; `exactThresholds` uses `i / 10`.
 */
export function voc07Ap(
  recall: Float64Array,
  precision: Float64Array,
  exactThresholds = false,
): number {
  let ap = 0;
  for (let k = 0; k <= 10; k++) {
    const t = exactThresholds ? k / 10 : k * 0.1;
    let p = 0;
    for (let i = 0; i < recall.length; i++)
      if ((recall[i] as number) >= t && (precision[i] as number) > p) p = precision[i] as number;
    ap = ap + p / 11;
  }
  return ap;
}

/**
 * VOC2010+ all-point AP (py-faster-rcnn `voc_ap`): sentinels (0, 0) and (1, 0), the precision
 * envelope from the right, and the sum of recall steps times the envelope after each step.
 */
export function vocAllPointAp(recall: Float64Array, precision: Float64Array): number {
  const n = recall.length;
  const mrec = new Float64Array(n + 2);
  const mpre = new Float64Array(n + 2);
  mrec.set(recall, 1);
  mrec[n + 1] = 1;
  mpre.set(precision, 1);
  for (let i = n + 1; i > 0; i--)
    if ((mpre[i] as number) > (mpre[i - 1] as number)) mpre[i - 1] = mpre[i] as number;
  let ap = 0;
  for (let i = 0; i < n + 1; i++)
    if (mrec[i + 1] !== mrec[i])
      ap += ((mrec[i + 1] as number) - (mrec[i] as number)) * (mpre[i + 1] as number);
  return ap;
}

/** COCO's 101 recall thresholds, `np.linspace(0, 1, 101)` bit for bit. */
export const COCO_RECALL_THRESHOLDS: readonly number[] = linspace(0, 1, 101);

/**
 * Precision at each recall threshold, COCO style (cocoeval `accumulate`): the envelope of
 * `precision` from the right, read at the first item whose recall reaches the threshold
 * (`searchsorted(..., 'left')`), 0 past the end. Writes into `out` (length `thresholds.length`).
 * `precision` is modified in place (it becomes the envelope).
 */
export function cocoInterpolate(
  recall: Float64Array,
  precision: Float64Array,
  thresholds: readonly number[],
  out: Float64Array,
): void {
  const n = recall.length;
  for (let i = n - 1; i > 0; i--)
    if ((precision[i] as number) > (precision[i - 1] as number))
      precision[i - 1] = precision[i] as number;
  let i = 0;
  for (let r = 0; r < thresholds.length; r++) {
    const t = thresholds[r] as number;
    while (i < n && (recall[i] as number) < t) i++;
    out[r] = i < n ? (precision[i] as number) : 0;
  }
}

/** `np.linspace(start, stop, num)` with numpy's arithmetic: `i · step + start`, last = `stop`. */
export function linspace(start: number, stop: number, num: number): number[] {
  const step = (stop - start) / (num - 1);
  const out = Array.from({ length: num }, (_, i) => i * step + start);
  out[num - 1] = stop;
  return out;
}
