import { InvalidArgumentError } from '@tessera/core';

/** What {@link pca2d} returns. @category Report */
export interface Pca2d {
  /** `[N, 2]` row-major: each row's coordinates on the first two principal axes. */
  readonly coords: Float64Array;
  /** `[2, D]` row-major: the two unit axes (the sign of each is fixed so its largest entry is positive). */
  readonly axes: Float64Array;
  /** Fraction of the total variance along each axis. */
  readonly explained: readonly [number, number];
}

/**
 * Projects `[N, D]` features onto their first two principal axes (centred; the axes are the top
 * eigenvectors of the covariance, found by power iteration with deflation in float64), for the
 * report's embedding scatter. Deterministic: the iteration starts from a fixed vector.
 * @category Report
 */
export function pca2d(features: ArrayLike<number>, n: number, d: number): Pca2d {
  if (!Number.isInteger(n) || !Number.isInteger(d) || n < 2 || d < 2 || features.length !== n * d)
    throw new InvalidArgumentError({
      functionName: 'pca2d',
      argument: 'features',
      detail: `features must hold n × d values with n, d ≥ 2, got ${features.length} values for n = ${n}, d = ${d}.`,
    });
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j]! += features[i * d + j]! / n;
  const cov = new Float64Array(d * d);
  const row = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) row[j] = features[i * d + j]! - mean[j]!;
    for (let a = 0; a < d; a++) {
      const ra = row[a]!;
      if (ra === 0) continue;
      for (let b = a; b < d; b++) cov[a * d + b]! += ra * row[b]!;
    }
  }
  let total = 0;
  for (let a = 0; a < d; a++) {
    for (let b = a; b < d; b++) cov[b * d + a] = cov[a * d + b]! /= n - 1;
    total += cov[a * d + a]!;
  }
  const axes = new Float64Array(2 * d);
  const values: number[] = [];
  for (let k = 0; k < 2; k++) {
    let v = Float64Array.from({ length: d }, (_, j) => 1 + j / d);
    let lambda = 0;
    for (let iter = 0; iter < 1000; iter++) {
      const w = new Float64Array(d);
      for (let a = 0; a < d; a++) {
        let s = 0;
        for (let b = 0; b < d; b++) s += cov[a * d + b]! * v[b]!;
        w[a] = s;
      }
      const norm = Math.hypot(...w);
      if (norm === 0) break;
      for (let a = 0; a < d; a++) w[a]! /= norm;
      let delta = 0;
      for (let a = 0; a < d; a++) delta = Math.max(delta, Math.abs(w[a]! - v[a]!));
      v = w;
      lambda = norm;
      if (delta < 1e-12) break;
    }
    let largest = 0;
    for (let a = 0; a < d; a++) if (Math.abs(v[a]!) > Math.abs(v[largest]!)) largest = a;
    if (v[largest]! < 0) for (let a = 0; a < d; a++) v[a] = -v[a]!;
    axes.set(v, k * d);
    values.push(lambda);
    for (let a = 0; a < d; a++)
      for (let b = 0; b < d; b++) cov[a * d + b]! -= lambda * v[a]! * v[b]!;
  }
  const coords = new Float64Array(n * 2);
  for (let i = 0; i < n; i++)
    for (let k = 0; k < 2; k++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += (features[i * d + j]! - mean[j]!) * axes[k * d + j]!;
      coords[i * 2 + k] = s;
    }
  const frac = (x: number | undefined) => (total > 0 ? (x ?? 0) / total : 0);
  return { coords, axes, explained: [frac(values[0]), frac(values[1])] };
}
