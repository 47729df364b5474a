import { dot, logSumExp, type Matrix, normalize } from './vector';

/**
 * SupCon L_out (Khosla et al. 2020, eq. 2) as loops over anchors and positives; `features[n][v]`
 * is view v of sample n, anchors are taken view-major.
 */
export function supConReference(
  features: Matrix[],
  labels: readonly number[],
  temperature: number,
  baseTemperature: number,
): number {
  const n = features.length;
  const views = features[0]!.length;
  const anchors: { u: number[]; label: number }[] = [];
  for (let v = 0; v < views; v++)
    for (let s = 0; s < n; s++) anchors.push({ u: normalize(features[s]![v]!), label: labels[s]! });
  let total = 0;
  for (let i = 0; i < anchors.length; i++) {
    const a = anchors[i]!;
    const denom = logSumExp(
      anchors.filter((_, k) => k !== i).map((b) => dot(a.u, b.u) / temperature),
    );
    const positives = anchors.filter((b, k) => k !== i && b.label === a.label);
    const sum = positives.reduce((s, p) => s + (dot(a.u, p.u) / temperature - denom), 0);
    total += (-(temperature / baseTemperature) / positives.length) * sum;
  }
  return total / anchors.length;
}
