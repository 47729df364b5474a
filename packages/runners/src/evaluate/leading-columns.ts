/** Columns `from … to − 1` of every row's `dim` features, as a new `[N, to − from]` array. @internal */
export function columnRange(x: Float32Array, dim: number, from: number, to: number): Float32Array {
  const n = x.length / dim;
  const keep = to - from;
  const out = new Float32Array(n * keep);
  for (let i = 0; i < n; i++) out.set(x.subarray(i * dim + from, i * dim + to), i * keep);
  return out;
}

/** The first `keep` of every row's `dim` features, as a new `[N, keep]` array. @internal */
export function leadingColumns(x: Float32Array, dim: number, keep: number): Float32Array {
  return columnRange(x, dim, 0, keep);
}
