import { dot, logSumExp, type Matrix, normalize } from './vector';

/** InfoNCE (MoCo, Algorithm 1) as loops: for each query, CE over [positive, negatives…]. */
export function infoNceReference(
  q: Matrix,
  k: Matrix,
  negatives: Matrix,
  temperature: number,
  doNormalize = true,
): number {
  const prep = (m: Matrix) => (doNormalize ? m.map(normalize) : m);
  const [qq, kk, nn] = [prep(q), prep(k), prep(negatives)];
  let total = 0;
  for (let i = 0; i < qq.length; i++) {
    const logits = [dot(qq[i]!, kk[i]!), ...nn.map((n) => dot(qq[i]!, n))].map(
      (l) => l / temperature,
    );
    total += logSumExp(logits) - logits[0]!;
  }
  return total / qq.length;
}

/** InstDisc's non-parametric softmax (eq. 2) as loops over the bank. */
export function memoryBankReference(
  features: Matrix,
  bank: Matrix,
  indices: readonly number[],
  temperature: number,
): number {
  const f = features.map(normalize);
  const v = bank.map(normalize);
  let total = 0;
  for (let b = 0; b < f.length; b++) {
    const logits = v.map((row) => dot(f[b]!, row) / temperature);
    total += logSumExp(logits) - logits[indices[b]!]!;
  }
  return total / f.length;
}

/** CPC's InfoNCE (eq. 4) as loops: item n at step t against every item's encoding at step t. */
export function cpcReference(predictions: Matrix[], encodings: Matrix[]): number {
  const n = predictions.length;
  const steps = predictions[0]!.length;
  let total = 0;
  for (let t = 0; t < steps; t++)
    for (let i = 0; i < n; i++) {
      const logits = encodings.map((e) => dot(predictions[i]![t]!, e[t]!));
      total += logSumExp(logits) - logits[i]!;
    }
  return total / (n * steps);
}

/** CMC (eqs. 3–5) as loops over view pairs and anchors, in-batch negatives. */
export function cmcReference(
  views: Matrix[],
  temperature: number,
  mode: 'full-graph' | 'core-view',
): number {
  const u = views.map((v) => v.map(normalize));
  const oneWay = (a: Matrix, b: Matrix) => {
    let s = 0;
    for (let i = 0; i < a.length; i++) {
      const logits = b.map((row) => dot(a[i]!, row) / temperature);
      s += logSumExp(logits) - logits[i]!;
    }
    return s / a.length;
  };
  let total = 0;
  for (let i = 0; i < u.length; i++)
    for (let j = i + 1; j < u.length; j++)
      if (mode === 'full-graph' || i === 0) total += oneWay(u[i]!, u[j]!) + oneWay(u[j]!, u[i]!);
  return total;
}
