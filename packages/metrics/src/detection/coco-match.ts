import { boxIouMatrix } from '@tessera/detection';
import type { CocoCell } from './coco-index';

/** The matching of one (category, image) pair in one area range, at every IoU threshold. @internal */
export interface CocoImageMatch {
  /** `[T, D]`: 1 where the detection matched a ground-truth object. */
  dtMatched: Uint8Array;
  /** `[T, D]`: 1 where the detection is ignored (matched an ignored object, or unmatched outside the area range). */
  dtIgnore: Uint8Array;
  /** Ground-truth objects that count (not crowd, area inside the range). */
  numCounted: number;
}

/** IoUs of a cell's detections (rows) with its ground truth (columns), crowd-aware. @internal */
export function cellIous(cell: CocoCell): Float64Array {
  return boxIouMatrix(cell.dtBoxes, cell.gtBoxes, { format: 'xywh', crowd: cell.gtCrowd });
}

/**
 * pycocotools' `evaluateImg` for one area range: ground truth sorted with ignored objects last;
 * each detection, by score, takes the not-yet-matched object (crowd regions may be taken again)
 * with the highest IoU ≥ the threshold, preferring objects that count; a tie in IoU keeps the
 * earlier object. @internal
 */
export function matchCell(
  cell: CocoCell,
  ious: Float64Array,
  [areaLo, areaHi]: readonly [number, number],
  iouThresholds: readonly number[],
): CocoImageMatch {
  const G = cell.gtArea.length;
  const D = cell.dtScores.length;
  const T = iouThresholds.length;
  const ignored = new Uint8Array(G);
  const order: number[] = [];
  let numCounted = 0;
  for (let g = 0; g < G; g++) {
    const area = cell.gtArea[g] as number;
    ignored[g] = cell.gtCrowd[g] || area < areaLo || area > areaHi ? 1 : 0;
    if (!ignored[g]) {
      order.push(g);
      numCounted++;
    }
  }
  for (let g = 0; g < G; g++) if (ignored[g]) order.push(g);

  const dtMatched = new Uint8Array(T * D);
  const dtIgnore = new Uint8Array(T * D);
  const gtTaken = new Uint8Array(G);
  for (let t = 0; t < T; t++) {
    gtTaken.fill(0);
    for (let d = 0; d < D; d++) {
      let best = Math.min(iouThresholds[t] as number, 1 - 1e-10);
      let m = -1;
      for (const g of order) {
        if (gtTaken[g] && !cell.gtCrowd[g]) continue;
        if (m > -1 && !ignored[m] && ignored[g]) break;
        const iou = ious[d * G + g] as number;
        if (iou < best) continue;
        best = iou;
        m = g;
      }
      if (m === -1) continue;
      dtMatched[t * D + d] = 1;
      dtIgnore[t * D + d] = ignored[m] as number;
      gtTaken[m] = 1;
    }
    for (let d = 0; d < D; d++) {
      const area = cell.dtArea[d] as number;
      if (!dtMatched[t * D + d] && (area < areaLo || area > areaHi)) dtIgnore[t * D + d] = 1;
    }
  }
  return { dtMatched, dtIgnore, numCounted };
}
