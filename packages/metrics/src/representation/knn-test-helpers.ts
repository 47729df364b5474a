// Helpers of the kNN's tests.
import type { createRng } from '@tessera/core';

type Similarity = (a: ArrayLike<number>, b: ArrayLike<number>) => number;

/** `f(row)` once per row object. */
function memo<T>(f: (v: ArrayLike<number>) => T): (v: ArrayLike<number>) => T {
  const cache = new WeakMap<object, T>();
  return (v) => {
    let out = cache.get(v);
    if (out === undefined) cache.set(v, (out = f(v)));
    return out;
  };
}

const unit = memo((v) => {
  const norm = Math.hypot(...Array.from(v));
  return Array.from(v, (x) => (norm > 0 ? x / norm : 0));
});

/** The float64 cosine of two rows (0 where either is zero). */
const cosine: Similarity = (a, b) => {
  const [u, w] = [unit(a), unit(b)];
  return u.reduce((s, x, d) => s + x * w[d]!, 0);
};

/** A row's 8-bit integers and the float32 inverse of their norm. */
const integers = memo((v) => {
  const q = Array.from(v, (x) => Math.round(255 * x));
  const norm = Math.sqrt(q.reduce((s, u) => s + u * u, 0));
  return { q, inverse: Math.fround(norm > 0 ? 1 / norm : 0) };
});

/**
 * The cosine of two rows of 8-bit values stored divided by 255, as the exact int16 path computes
 * it: float32(Σ q_a · q_b) times 1 / ‖q_a‖, then times 1 / ‖q_b‖, each rounded to float32.
 */
export const integerCosine: Similarity = (a, b) => {
  const [x, y] = [integers(a), integers(b)];
  const dot = x.q.reduce((s, u, d) => s + u * y.q[d]!, 0);
  return Math.fround(Math.fround(Math.fround(dot) * x.inverse) * y.inverse);
};

/**
 * Brute force: the similarity (float64 cosine unless given) of every pair, the k nearest (the
 * lower index first among equal ones), Σ exp(sim / σ) per class, lowest class on ties.
 */
export function bruteForce(
  train: ArrayLike<number>[],
  trainLabels: number[],
  test: ArrayLike<number>[],
  k: number,
  sigma: number,
  classes: number,
  similarity: Similarity = cosine,
): number[] {
  return test.map((q) => {
    const near = train
      .map((t, i) => ({ i, sim: similarity(q, t) }))
      .sort((a, b) => b.sim - a.sim || a.i - b.i)
      .slice(0, k);
    const score = new Array<number>(classes).fill(0);
    for (const { i, sim } of near) score[trainLabels[i] as number]! += Math.exp(sim / sigma);
    return score.indexOf(Math.max(...score));
  });
}

/** `n` pixel rows (8-bit values divided by 255), each a mix of two of 20 sparse prototypes. */
export function mixedRows(
  rng: ReturnType<typeof createRng>,
  n: number,
  width: number,
): Float32Array[] {
  const prototypes = Array.from({ length: 20 }, () =>
    Array.from({ length: width }, () => (rng.uniform() < 0.6 ? 0 : rng.uniform())),
  );
  return Array.from({ length: n }, () => {
    const [a, b] = [0, 0].map(() => prototypes[Math.floor(rng.uniform() * 20)]!);
    const [s, t] = [rng.uniform(), rng.uniform()];
    return Float32Array.from(a!, (v, c) => Math.round(255 * Math.min(1, s * v + t * b![c]!)) / 255);
  });
}
