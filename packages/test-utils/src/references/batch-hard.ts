import { distance, type Matrix } from './vector';

/** Batch-hard triplet loss (Hermans et al. 2017) as loops: hardest positive and negative per anchor. */
export function batchHardReference(
  embeddings: Matrix,
  labels: readonly number[],
  margin: number | 'soft',
): number {
  let total = 0;
  for (let a = 0; a < embeddings.length; a++) {
    let hardestPositive = -Infinity;
    let hardestNegative = Infinity;
    for (let j = 0; j < embeddings.length; j++) {
      const d = distance(embeddings[a]!, embeddings[j]!);
      if (j !== a && labels[j] === labels[a]) hardestPositive = Math.max(hardestPositive, d);
      if (labels[j] !== labels[a]) hardestNegative = Math.min(hardestNegative, d);
    }
    const gap = hardestPositive - hardestNegative;
    total += margin === 'soft' ? Math.log1p(Math.exp(gap)) : Math.max(0, gap + margin);
  }
  return total / embeddings.length;
}

/** Batch-all triplet loss as loops, averaged over the triplets with a positive loss. */
export function batchAllReference(
  embeddings: Matrix,
  labels: readonly number[],
  margin: number,
): number {
  let total = 0;
  let positive = 0;
  const n = embeddings.length;
  for (let a = 0; a < n; a++)
    for (let p = 0; p < n; p++)
      for (let q = 0; q < n; q++) {
        if (p === a || labels[p] !== labels[a] || labels[q] === labels[a]) continue;
        const l = Math.max(
          0,
          distance(embeddings[a]!, embeddings[p]!) -
            distance(embeddings[a]!, embeddings[q]!) +
            margin,
        );
        total += l;
        if (l > 1e-16) positive++;
      }
  return total / (positive + 1e-16);
}
