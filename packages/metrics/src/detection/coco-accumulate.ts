import { cocoInterpolate } from '../internal/interpolated-ap';
import { stableArgsortDescending } from '../internal/ranked-curve';
import type { CocoIndex } from './coco-index';
import type { CocoImageMatch } from './coco-match';

/** `precision` `[T, R, K, A, M]` and `recall` `[T, K, A, M]`, row-major, −1 where undefined. @internal */
export interface CocoCurves {
  precision: Float64Array;
  recall: Float64Array;
}

/**
 * pycocotools' `accumulate`: for each category, area range and `maxDets`, the top-`maxDets`
 * detections of every image are pooled (image order, then a stable sort by score), and the
 * precision at each recall threshold and the final recall are read off at each IoU threshold.
 * `matches[k][a][i]` is the matching of category k, area a, image i (null: nothing there). @internal
 */
export function accumulateCoco(
  index: CocoIndex,
  matches: (CocoImageMatch | null)[][][],
  numIou: number,
  recallThresholds: readonly number[],
  numAreas: number,
  maxDets: readonly number[],
): CocoCurves {
  const T = numIou;
  const R = recallThresholds.length;
  const K = index.categoryIds.length;
  const A = numAreas;
  const M = maxDets.length;
  const precision = new Float64Array(T * R * K * A * M).fill(-1);
  const recall = new Float64Array(T * K * A * M).fill(-1);
  const q = new Float64Array(R);
  for (let k = 0; k < K; k++) {
    const cells = index.cells[k] as CocoIndex['cells'][number][number][];
    for (let m = 0; m < M; m++) {
      const maxDet = maxDets[m] as number;
      // pooled detections: (image, detection) pairs in image order, then stable by score
      const poolImage: number[] = [];
      const poolDet: number[] = [];
      const poolScore: number[] = [];
      cells.forEach((cell, i) => {
        if (cell === null) return;
        const n = Math.min(cell.dtScores.length, maxDet);
        for (let d = 0; d < n; d++) {
          poolImage.push(i);
          poolDet.push(d);
          poolScore.push(cell.dtScores[d] as number);
        }
      });
      const order = stableArgsortDescending(poolScore);
      const nd = order.length;
      const rc = new Float64Array(nd);
      const pr = new Float64Array(nd);
      for (let a = 0; a < A; a++) {
        const imageMatches = matches[k]![a]!;
        let numCounted = 0;
        for (const match of imageMatches) if (match !== null) numCounted += match.numCounted;
        if (numCounted === 0) continue;
        for (let t = 0; t < T; t++) {
          let tp = 0;
          let fp = 0;
          for (let j = 0; j < nd; j++) {
            const p = order[j] as number;
            const match = imageMatches[poolImage[p] as number]!;
            const d = poolDet[p] as number;
            const D = match.dtMatched.length / T;
            if (!match.dtIgnore[t * D + d]) {
              if (match.dtMatched[t * D + d]) tp++;
              else fp++;
            }
            rc[j] = tp / numCounted;
            pr[j] = tp / (fp + tp + Number.EPSILON);
          }
          const at = ((t * K + k) * A + a) * M + m;
          recall[at] = nd > 0 ? (rc[nd - 1] as number) : 0;
          cocoInterpolate(rc, pr, recallThresholds, q);
          for (let r = 0; r < R; r++)
            precision[(((t * R + r) * K + k) * A + a) * M + m] = q[r] as number;
        }
      }
    }
  }
  return { precision, recall };
}
