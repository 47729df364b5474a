import { intersectionArea } from '../internal/intersection-area';
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
  // the candidates' corners and areas in visiting order: the inner loops read them contiguously
  const x1 = new Float64Array(n);
  const y1 = new Float64Array(n);
  const x2 = new Float64Array(n);
  const y2 = new Float64Array(n);
  const area = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const i = (order[k] as number) * 4;
    x1[k] = boxes[i] as number;
    y1[k] = boxes[i + 1] as number;
    x2[k] = boxes[i + 2] as number;
    y2[k] = boxes[i + 3] as number;
    area[k] = (x2[k]! - x1[k]!) * (y2[k]! - y1[k]!);
  }
  // IoU(k, l) > threshold; no overlap is IoU 0 (NaN for zero-area pairs), never above a threshold ≥ 0
  const overlaps = (k: number, l: number): boolean => {
    const inter = intersectionArea(x1[k]!, y1[k]!, x2[k]!, y2[k]!, x1[l]!, y1[l]!, x2[l]!, y2[l]!);
    return inter > 0 && inter / (area[k]! + area[l]! - inter) > iouThreshold;
  };
  const grid = n > 64 ? candidateGrid(boxes, order) : null;
  const seen = grid ? new Int32Array(n).fill(-1) : null;
  for (let k = 0; k < n && keep.length < maxOutputSize; k++) {
    if (suppressed[k]) continue;
    keep.push(order[k] as number);
    if (grid && seen) {
      const { cols, ranges, starts, items } = grid;
      for (let y = ranges[4 * k + 2]!; y <= ranges[4 * k + 3]!; y++) {
        for (let x = ranges[4 * k]!; x <= ranges[4 * k + 1]!; x++) {
          const c = y * cols + x;
          for (let at = starts[c]!; at < starts[c + 1]!; at++) {
            const l = items[at]!;
            if (l <= k || suppressed[l] || seen[l] === k) continue;
            seen[l] = k;
            if (overlaps(k, l)) suppressed[l] = 1;
          }
        }
      }
    } else {
      for (let l = k + 1; l < n; l++) {
        if (!suppressed[l] && overlaps(k, l)) suppressed[l] = 1;
      }
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
  return (
    fastRank(scores, order) ??
    order.sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b)
  );
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const INDEX_BITS = 2 ** 21;

/**
 * The same order through one native sort of float64 keys, when every score is a float32 value (as
 * from a Float32Array or a float32 tensor) and there are fewer than 2²¹ candidates: the key packs
 * the score's order-preserving 32-bit pattern (flipped, for descending) above the index (ascending
 * on ties) into an exact integer below 2⁵³. `null` when it does not apply.
 */
function fastRank(scores: Float64Array, order: Int32Array): Int32Array | null {
  const n = order.length;
  if (n < 64 || n >= INDEX_BITS) return null;
  const keys = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    const s = scores[i]! + 0; // −0 → +0: equal scores must share a key
    f32[0] = s;
    if (f32[0] !== s) return null; // not a float32 value
    const bits = u32[0]!;
    const ascending = bits & 0x80000000 ? ~bits >>> 0 : (bits | 0x80000000) >>> 0;
    keys[k] = (0xffffffff - ascending) * INDEX_BITS + i;
  }
  keys.sort();
  const out = new Int32Array(n);
  for (let k = 0; k < n; k++) out[k] = keys[k]! % INDEX_BITS;
  return out;
}
