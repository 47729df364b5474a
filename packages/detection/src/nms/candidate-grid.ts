/**
 * A uniform grid over the candidates of NMS: each candidate (by its rank in the score order) is
 * listed in every cell its box touches; with cells at least as large as any box side, a box touches
 * at most 2×2 cells. `cellsOf(rank)` gives the cell lists of that candidate's box.
 * @internal
 */
export function candidateGrid(
  boxes: Float64Array,
  order: Int32Array,
): { cellsOf(rank: number): number[][] } {
  const n = order.length;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  let side = 0;
  for (let r = 0; r < n; r++) {
    const i = (order[r] as number) * 4;
    minX = Math.min(minX, boxes[i] as number);
    minY = Math.min(minY, boxes[i + 1] as number);
    maxX = Math.max(maxX, boxes[i + 2] as number);
    maxY = Math.max(maxY, boxes[i + 3] as number);
    side = Math.max(
      side,
      (boxes[i + 2] as number) - (boxes[i] as number),
      (boxes[i + 3] as number) - (boxes[i + 1] as number),
    );
  }
  // Cells no smaller than the largest side, and no more cells than about 4 per candidate.
  const span = Math.max(maxX - minX, maxY - minY, 1e-12);
  const cell = Math.max(side, span / Math.ceil(Math.sqrt(4 * n)), 1e-12);
  const cols = Math.max(1, Math.floor((maxX - minX) / cell) + 1);
  const rows = Math.max(1, Math.floor((maxY - minY) / cell) + 1);
  const cells: number[][] = Array.from({ length: cols * rows }, () => []);
  const ranges = new Int32Array(4 * n);
  for (let r = 0; r < n; r++) {
    const i = (order[r] as number) * 4;
    const c0 = Math.floor(((boxes[i] as number) - minX) / cell);
    const c1 = Math.min(cols - 1, Math.floor(((boxes[i + 2] as number) - minX) / cell));
    const r0 = Math.floor(((boxes[i + 1] as number) - minY) / cell);
    const r1 = Math.min(rows - 1, Math.floor(((boxes[i + 3] as number) - minY) / cell));
    ranges.set([c0, c1, r0, r1], 4 * r);
    for (let y = r0; y <= r1; y++)
      for (let x = c0; x <= c1; x++) (cells[y * cols + x] as number[]).push(r);
  }
  return {
    cellsOf(rank) {
      const [c0, c1, r0, r1] = ranges.subarray(4 * rank, 4 * rank + 4) as unknown as [
        number,
        number,
        number,
        number,
      ];
      const out: number[][] = [];
      for (let y = r0; y <= r1; y++)
        for (let x = c0; x <= c1; x++) out.push(cells[y * cols + x] as number[]);
      return out;
    },
  };
}
