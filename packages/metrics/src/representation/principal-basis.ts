import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@tessera/core';

/** Rows the basis is fitted on at most (evenly spaced over the data). */
const MOST_ROWS = 4096;
/** Products with the rows' Gram matrix: each sharpens the basis towards the leading directions. */
const ITERATIONS = 2;

/** What {@link principalBasis} gives. @internal */
export interface PrincipalBasis {
  /** Float64 `[r', width]`, orthonormal rows. */
  basis: Float64Array;
  /** The fraction of the fitted rows' energy (Σ‖x‖²) outside the basis' span. */
  residual: number;
  /** The rows it was fitted on, `[rows, width]` float32. */
  sample: Float32Array;
}

/**
 * Up to `r` orthonormal directions (r' ≤ r) close to the leading principal directions (uncentred)
 * of `rows` `[n, width]` (each written by `rows(i, out)`), found by subspace iteration on the Gram
 * matrix of at most 4096 of the rows from a fixed pseudo-random start: the same data gives the
 * same basis. Directions in which the rows have (almost) nothing are dropped. Any orthonormal
 * basis is a valid one to the callers; a closer one only screens tighter. @internal
 */
export function principalBasis(
  rows: (row: number, out: Float32Array) => void,
  n: number,
  width: number,
  r: number,
): PrincipalBasis {
  const stride = Math.max(1, Math.ceil(n / MOST_ROWS));
  const count = Math.ceil(n / stride);
  const sample = new Float32Array(count * width);
  for (let i = 0; i < count; i++) rows(i * stride, sample.subarray(i * width, (i + 1) * width));
  const gram = tf.tidy(() => {
    const x = tf.tensor2d(sample, [count, width]);
    return tf.matMul(x, x, true, false);
  });
  try {
    let basis = startingBasis(Math.min(r, width), width);
    for (let i = 0; i < ITERATIONS; i++) {
      const last = i === ITERATIONS - 1;
      const product = tf.tidy(() =>
        tf.matMul(tf.tensor2d(Float32Array.from(basis), [basis.length / width, width]), gram),
      );
      basis = orthonormalRows(Float64Array.from(product.dataSync()), width, last ? 2 : 1);
      product.dispose();
      if (basis.length === 0) break;
    }
    return { basis, residual: residual(basis, gram, width), sample };
  } finally {
    gram.dispose();
  }
}

/** 1 − trace(P G Pᵀ) / trace(G): the energy of the Gram matrix's rows outside P's span. */
function residual(basis: Float64Array, gram: tf.Tensor, width: number): number {
  if (basis.length === 0) return 1;
  const [inside, total] = tf.tidy(() => {
    const p = tf.tensor2d(Float32Array.from(basis), [basis.length / width, width]);
    return [tf.sum(tf.mul(tf.matMul(p, gram), p)), tf.sum(tf.mul(gram, tf.eye(width)))];
  });
  const [a, b] = [inside!.dataSync()[0]!, total!.dataSync()[0]!];
  tf.dispose([inside, total]);
  return b > 0 ? Math.max(0, 1 - a / b) : 0;
}

/** `r` rows of pseudo-random values in [−½, ½) (`createRng` from a fixed seed). */
function startingBasis(r: number, width: number): Float64Array {
  const rng = createRng(0);
  return Float64Array.from({ length: r * width }, () => rng.uniform() - 0.5);
}

/**
 * Rows made orthonormal in order by modified Gram–Schmidt, each projected out of the earlier ones
 * `passes` times (twice: float64 orthogonality to rounding); a row left with at most 1e-5 of the
 * largest row's norm (a direction the data barely has, or float32 noise) is dropped.
 */
export function orthonormalRows(rows: Float64Array, width: number, passes: number): Float64Array {
  const count = rows.length / width;
  const norm = (v: Float64Array) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  let largest = 0;
  for (let i = 0; i < count; i++)
    largest = Math.max(largest, norm(rows.subarray(i * width, (i + 1) * width)));
  const q = new Float64Array(rows.length);
  let kept = 0;
  for (let i = 0; i < count; i++) {
    const v = rows.slice(i * width, (i + 1) * width);
    for (let pass = 0; pass < passes; pass++)
      for (let j = 0; j < kept; j++) {
        let dot = 0;
        for (let d = 0; d < width; d++) dot += v[d]! * q[j * width + d]!;
        for (let d = 0; d < width; d++) v[d]! -= dot * q[j * width + d]!;
      }
    const left = norm(v);
    if (!(left > 1e-5 * largest)) continue;
    for (let d = 0; d < width; d++) q[kept * width + d] = v[d]! / left;
    kept++;
  }
  return q.slice(0, kept * width);
}
