import { distance, type Matrix } from './vector';

/** Hadsell et al.'s contrastive loss (y = 1 similar, no ½) as a loop over pairs. */
export function contrastiveReference(
  a: Matrix,
  b: Matrix,
  similar: readonly number[],
  margin: number,
): number {
  let total = 0;
  for (let i = 0; i < a.length; i++) {
    const d = distance(a[i]!, b[i]!);
    total += similar[i] === 1 ? d * d : Math.max(0, margin - d) ** 2;
  }
  return total / a.length;
}

/** PyTorch's triplet margin loss (p = 2, eps added to the difference) as a loop. */
export function tripletMarginReference(
  anchor: Matrix,
  positive: Matrix,
  negative: Matrix,
  margin: number,
  eps = 1e-6,
): number {
  const d = (x: number[], y: number[]) =>
    Math.sqrt(x.reduce((s, v, k) => s + (v - y[k]! + eps) ** 2, 0));
  let total = 0;
  for (let i = 0; i < anchor.length; i++)
    total += Math.max(0, d(anchor[i]!, positive[i]!) - d(anchor[i]!, negative[i]!) + margin);
  return total / anchor.length;
}
