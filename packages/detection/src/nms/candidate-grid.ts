/**
 * A uniform grid over the candidates of NMS: each candidate (by its rank in the score order) is
 * listed in every cell its box touches; with cells at least as large as any box side, a box touches
 * at most 2×2 cells. The lists are one flat array (cell c's candidates are
 * `items[starts[c]] … items[starts[c + 1] − 1]`, ascending), and `ranges` holds each candidate's
 * cell columns and rows `[c0, c1, r0, r1]`: no array per cell or per query.
 * @internal
 */
export interface CandidateGrid {
  readonly cols: number;
  readonly ranges: Int32Array;
  readonly starts: Int32Array;
  readonly items: Int32Array;
}

/** The grid of the boxes (flat `xyxy`) of `order`'s candidates. @internal */
export function candidateGrid(boxes: Float64Array, order: Int32Array): CandidateGrid {
  const n = order.length;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  let side = 0;
  for (let r = 0; r < n; r++) {
    const i = order[r]! * 4;
    const [x1, y1, x2, y2] = [boxes[i]!, boxes[i + 1]!, boxes[i + 2]!, boxes[i + 3]!];
    minX = Math.min(minX, x1);
    minY = Math.min(minY, y1);
    maxX = Math.max(maxX, x2);
    maxY = Math.max(maxY, y2);
    side = Math.max(side, x2 - x1, y2 - y1);
  }
  // Cells no smaller than the largest side, and no more cells than about 4 per candidate.
  const span = Math.max(maxX - minX, maxY - minY, 1e-12);
  const cell = Math.max(side, span / Math.ceil(Math.sqrt(4 * n)), 1e-12);
  const cols = Math.max(1, Math.floor((maxX - minX) / cell) + 1);
  const rows = Math.max(1, Math.floor((maxY - minY) / cell) + 1);
  const ranges = new Int32Array(4 * n);
  const starts = new Int32Array(cols * rows + 1);
  for (let r = 0; r < n; r++) {
    const i = order[r]! * 4;
    const c0 = Math.floor((boxes[i]! - minX) / cell);
    const c1 = Math.min(cols - 1, Math.floor((boxes[i + 2]! - minX) / cell));
    const r0 = Math.floor((boxes[i + 1]! - minY) / cell);
    const r1 = Math.min(rows - 1, Math.floor((boxes[i + 3]! - minY) / cell));
    ranges[4 * r] = c0;
    ranges[4 * r + 1] = c1;
    ranges[4 * r + 2] = r0;
    ranges[4 * r + 3] = r1;
    for (let y = r0; y <= r1; y++) for (let x = c0; x <= c1; x++) starts[y * cols + x + 1]! += 1;
  }
  for (let c = 0; c < cols * rows; c++) starts[c + 1]! += starts[c]!;
  const items = new Int32Array(starts[cols * rows]!);
  const next = starts.slice(0, cols * rows);
  for (let r = 0; r < n; r++) {
    const [c0, c1, r0, r1] = [
      ranges[4 * r]!,
      ranges[4 * r + 1]!,
      ranges[4 * r + 2]!,
      ranges[4 * r + 3]!,
    ];
    for (let y = r0; y <= r1; y++) for (let x = c0; x <= c1; x++) items[next[y * cols + x]!++] = r;
  }
  return { cols, ranges, starts, items };
}
