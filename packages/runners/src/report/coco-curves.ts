import type { CocoEvaluation } from '@tessera/metrics';
import type { ReportPrCurve } from './types';

/**
 * One precision-recall curve per IoU threshold from a COCO evaluation: at each recall threshold,
 * the mean precision over the categories that have one (pycocotools' −1 left out), for area `all`
 * and the largest `maxDets` — the curves behind AP@[.5:.95]. Thresholds with no valid precision
 * are skipped.
 * @category Report
 */
export function cocoPrCurves(result: CocoEvaluation): ReportPrCurve[] {
  const [T, R, K, A, M] = result.precisionShape;
  const curves: ReportPrCurve[] = [];
  for (let t = 0; t < T; t++) {
    const recall: number[] = [];
    const precision: number[] = [];
    for (let r = 0; r < R; r++) {
      let sum = 0;
      let count = 0;
      for (let k = 0; k < K; k++) {
        const p = result.precision[(((t * R + r) * K + k) * A + 0) * M + (M - 1)] as number;
        if (p >= 0) {
          sum += p;
          count += 1;
        }
      }
      if (count > 0) {
        recall.push(result.params.recallThresholds[r] as number);
        precision.push(sum / count);
      }
    }
    if (recall.length > 0)
      curves.push({ iouThreshold: result.params.iouThresholds[t] as number, recall, precision });
  }
  return curves;
}
