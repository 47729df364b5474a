import type { Matrix } from './vector';

const column = (z: Matrix, j: number) => z.map((row) => row[j]!);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Barlow Twins (released code: BatchNorm statistics, biased variance + eps) as loops over C. */
export function barlowTwinsReference(z1: Matrix, z2: Matrix, lambda: number, eps = 1e-5): number {
  const n = z1.length;
  const dim = z1[0]!.length;
  const bn = (z: Matrix) => {
    const stats = Array.from({ length: dim }, (_, j) => {
      const c = column(z, j);
      const m = mean(c);
      return { m, s: Math.sqrt(mean(c.map((v) => (v - m) ** 2)) + eps) };
    });
    return z.map((row) => row.map((v, j) => (v - stats[j]!.m) / stats[j]!.s));
  };
  const [a, b] = [bn(z1), bn(z2)];
  let loss = 0;
  for (let i = 0; i < dim; i++)
    for (let j = 0; j < dim; j++) {
      let c = 0;
      for (let k = 0; k < n; k++) c += a[k]![i]! * b[k]![j]!;
      c /= n;
      loss += i === j ? (1 - c) ** 2 : lambda * c * c;
    }
  return loss;
}

/** VICReg (eq. 6 with its code's details) as loops. */
export function vicRegReference(
  z1: Matrix,
  z2: Matrix,
  weights = { invariance: 25, variance: 25, covariance: 1 },
  eps = 1e-4,
): number {
  const n = z1.length;
  const dim = z1[0]!.length;
  let inv = 0;
  for (let k = 0; k < n; k++) for (let j = 0; j < dim; j++) inv += (z1[k]![j]! - z2[k]![j]!) ** 2;
  inv /= n * dim;
  const stdAndCov = (z: Matrix) => {
    const means = Array.from({ length: dim }, (_, j) => mean(column(z, j)));
    let std = 0;
    let cov = 0;
    for (let i = 0; i < dim; i++) {
      for (let j = 0; j < dim; j++) {
        let c = 0;
        for (let k = 0; k < n; k++) c += (z[k]![i]! - means[i]!) * (z[k]![j]! - means[j]!);
        c /= n - 1;
        if (i === j) std += Math.max(0, 1 - Math.sqrt(c + eps));
        else cov += c * c;
      }
    }
    return { std: std / dim, cov: cov / dim };
  };
  const [a, b] = [stdAndCov(z1), stdAndCov(z2)];
  return (
    weights.invariance * inv +
    (weights.variance * (a.std + b.std)) / 2 +
    weights.covariance * (a.cov + b.cov)
  );
}
