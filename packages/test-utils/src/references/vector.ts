/** Plain-array vector helpers for the loop references (no TF.js: an oracle shares no code). */
export type Matrix = number[][];

export const dot = (a: readonly number[], b: readonly number[]): number =>
  a.reduce((s, v, i) => s + v * (b[i] as number), 0);
export const norm = (a: readonly number[]): number => Math.sqrt(dot(a, a));
export const normalize = (a: readonly number[]): number[] => {
  const n = Math.max(norm(a), 1e-12);
  return a.map((v) => v / n);
};
export const distance = (a: readonly number[], b: readonly number[]): number =>
  norm(a.map((v, i) => v - (b[i] as number)));
/** log Σ exp(x_k), max-shifted. */
export const logSumExp = (xs: readonly number[]): number => {
  const m = Math.max(...xs);
  return m + Math.log(xs.reduce((s, x) => s + Math.exp(x - m), 0));
};
