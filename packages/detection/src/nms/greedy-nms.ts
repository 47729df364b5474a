import { candidateGrid } from './candidate-grid';

/**
 * Greedy NMS on flat `xyxy` float64 boxes over `order` (candidates, best first), as torchvision's
 * CPU kernel: keep the best remaining box, suppress every later box whose IoU with it is strictly
 * greater than `iouThreshold`. A NaN IoU (two zero-area boxes) never suppresses.
 *
 * Large inputs go through a uniform grid (cells as large as the largest box side): a kept box is
 * compared only with the later candidates registered in the cells it touches. Boxes that share no
 * cell cannot overlap with positive area, so the result is the same as the all-pairs loop.
 * @internal
 */
export function greedyNms(
  boxes: Float64Array,
  order: Int32Array,
  iouThreshold: number,
  maxOutputSize: number,
): number[] {
  const n = order.length;
  const suppressed = new Uint8Array(n);
  const keep: number[] = [];
  const grid = n > 256 ? candidateGrid(boxes, order) : null;
  const seen = grid ? new Int32Array(n).fill(-1) : null;
  for (let k = 0; k < n && keep.length < maxOutputSize; k++) {
    if (suppressed[k]) continue;
    const i = (order[k] as number) * 4;
    keep.push(order[k] as number);
    const ix1 = boxes[i] as number;
    const iy1 = boxes[i + 1] as number;
    const ix2 = boxes[i + 2] as number;
    const iy2 = boxes[i + 3] as number;
    const iArea = (ix2 - ix1) * (iy2 - iy1);
    const test = (l: number) => {
      const j = (order[l] as number) * 4;
      const w = Math.min(ix2, boxes[j + 2] as number) - Math.max(ix1, boxes[j] as number);
      if (w <= 0) return; // no overlap: IoU 0 (or NaN for zero-area pairs), never > threshold ≥ 0
      const h = Math.min(iy2, boxes[j + 3] as number) - Math.max(iy1, boxes[j + 1] as number);
      if (h <= 0) return;
      const inter = w * h;
      const jArea =
        ((boxes[j + 2] as number) - (boxes[j] as number)) *
        ((boxes[j + 3] as number) - (boxes[j + 1] as number));
      if (inter / (iArea + jArea - inter) > iouThreshold) suppressed[l] = 1;
    };
    if (grid && seen) {
      for (const cell of grid.cellsOf(k)) {
        for (const l of cell) {
          if (l <= k || suppressed[l] || seen[l] === k) continue;
          seen[l] = k;
          test(l);
        }
      }
    } else {
      for (let l = k + 1; l < n; l++) if (!suppressed[l]) test(l);
    }
  }
  return keep;
}

/** Candidate indices with `score > scoreThreshold`, sorted by score descending, ties by index (stable). @internal */
export function rankByScore(
  scores: Float64Array,
  scoreThreshold: number,
  subset?: Int32Array,
): Int32Array {
  const pool = subset ?? Int32Array.from({ length: scores.length }, (_, i) => i);
  const order = pool.filter((i) => (scores[i] as number) > scoreThreshold);
  return order.sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
}
