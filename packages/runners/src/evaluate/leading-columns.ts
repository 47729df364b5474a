/** The first `keep` of every row's `dim` features, as a new `[N, keep]` array. @internal */
export function leadingColumns(x: Float32Array, dim: number, keep: number): Float32Array {
  const n = x.length / dim;
  const out = new Float32Array(n * keep);
  for (let i = 0; i < n; i++) out.set(x.subarray(i * dim, i * dim + keep), i * keep);
  return out;
}
