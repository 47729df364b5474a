import type { Screen } from './knn-screen';

/** What {@link rerank} gives: `k` nearest per row, and the rows whose candidates ran out. @internal */
export interface Reranked {
  sims: Float64Array;
  idx: Int32Array;
  /** Rows (positions in `queries`) whose candidates ran out before their k nearest were certain. */
  short: number[];
}

/**
 * The exact `k` nearest of test rows `queries` from their screened candidates (`values` and
 * `indices`, the same number per row, each row's descending): candidates are re-ranked by exact
 * similarity in screened order until a screened similarity plus the row's slack falls below the
 * k-th exact one (the lower index first among equal ones). A row whose candidates run out first,
 * while training rows outside them could still be nearer, is listed in `short` (its k nearest so
 * far are written). @internal
 */
export function rerank(
  s: Screen,
  k: number,
  queries: ArrayLike<number>,
  values: ArrayLike<number>,
  indices: ArrayLike<number>,
): Reranked {
  const rows = queries.length;
  const c = values.length / rows;
  const n = s.trainScale.shape[0];
  const sims = new Float64Array(rows * k);
  const idx = new Int32Array(rows * k);
  const short: number[] = [];
  const best = new Nearest(k);
  for (let r = 0; r < rows; r++) {
    const query = queries[r]!;
    const slack = s.slack[query]!;
    best.clear();
    let j = 0;
    for (; j < c && !best.excludes((values[r * c + j] as number) + slack); j++) {
      const i = indices[r * c + j] as number;
      best.offer(s.exact(query, i), i);
    }
    if (c < n && j === c && !best.excludes((values[r * c + c - 1] as number) + slack))
      short.push(r);
    best.writeTo(sims, idx, r * k);
  }
  return { sims, idx, short };
}

/**
 * The exact `k` nearest of test row `query` over every training row, each screened in
 * JavaScript and re-ranked where its screened similarity plus the slack reaches the k-th exact
 * one so far; written to `sims` and `idx` at `at`. @internal
 */
export function rankEvery(
  s: Screen,
  k: number,
  query: number,
  sims: Float64Array,
  idx: Int32Array,
  at: number,
): void {
  const n = s.trainScale.shape[0];
  const slack = s.slack[query]!;
  const best = new Nearest(k);
  for (let t = 0; t < n; t++)
    if (!best.excludes(s.screened(query, t) + slack)) best.offer(s.exact(query, t), t);
  best.writeTo(sims, idx, at);
}

/** The k best (value, index) pairs offered so far: larger value first, lower index on ties. */
class Nearest {
  private readonly values: Float64Array;
  private readonly indices: Int32Array;
  private size = 0;

  constructor(private readonly k: number) {
    this.values = new Float64Array(k);
    this.indices = new Int32Array(k);
  }

  clear(): void {
    this.size = 0;
  }

  /** Whether no value up to `bound` can enter the list: it is full and its k-th is above. */
  excludes(bound: number): boolean {
    return this.size === this.k && bound < this.values[this.k - 1]!;
  }

  offer(v: number, i: number): void {
    const { values, indices, k } = this;
    const ranks = (p: number) => v > values[p]! || (v === values[p]! && i < indices[p]!);
    if (this.size === k && !ranks(k - 1)) return;
    let p = this.size < k ? this.size++ : k - 1;
    while (p > 0 && ranks(p - 1)) {
      values[p] = values[p - 1]!;
      indices[p] = indices[p - 1]!;
      p--;
    }
    values[p] = v;
    indices[p] = i;
  }

  writeTo(values: Float64Array, indices: Int32Array, at: number): void {
    values.set(this.values.subarray(0, this.k), at);
    indices.set(this.indices.subarray(0, this.k), at);
  }
}
