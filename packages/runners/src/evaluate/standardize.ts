/**
 * Columns standardised with the train set's mean and population std, as scikit-learn's
 * `StandardScaler`; the columns constant over the training rows are left out (they standardise to
 * exact zeros, so a probe's weights on them stay zero from its zero start and change no logit).
 * @internal
 */
export function standardize(
  train: Float32Array,
  test: Float32Array,
  dim: number,
): { train: Float32Array; test: Float32Array; dim: number } {
  const n = train.length / dim;
  const mean = new Float64Array(dim);
  const sq = new Float64Array(dim);
  for (let i = 0; i < n; i++)
    for (let d = 0; d < dim; d++) mean[d] = (mean[d] as number) + (train[i * dim + d] as number);
  for (let d = 0; d < dim; d++) mean[d] = (mean[d] as number) / n;
  for (let i = 0; i < n; i++)
    for (let d = 0; d < dim; d++)
      sq[d] = (sq[d] as number) + ((train[i * dim + d] as number) - (mean[d] as number)) ** 2;
  const kept = Int32Array.from(sq.keys()).filter((d) => (sq[d] as number) !== 0);
  const std = Float64Array.from(kept, (d) => Math.sqrt((sq[d] as number) / n));
  const apply = (x: Float32Array) => {
    const rows = x.length / dim;
    const out = new Float32Array(rows * kept.length);
    for (let i = 0; i < rows; i++)
      for (let j = 0; j < kept.length; j++) {
        const d = kept[j] as number;
        out[i * kept.length + j] =
          ((x[i * dim + d] as number) - (mean[d] as number)) / (std[j] as number);
      }
    return out;
  };
  return { train: apply(train), test: apply(test), dim: kept.length };
}
