/**
 * Names of the kernels Tessera's packages run when the active backend has them registered — fast
 * paths a backend package provides (`@tessera/backends` registers them for `wasm`) — and fall
 * back from to stock TF.js ops when it does not. The names are the contract between the package
 * that runs a kernel and the one that registers it, so neither depends on the other.
 *
 * - `batchNormStats`: inputs `{ x }` (float32, channels last); no attributes; outputs
 *   `[mean, variance]`, each `[C]`: the mean and the biased variance over every axis but the last,
 *   as `tf.moments(x, [0, …, rank − 2])`.
 * - `batchNormGrad`: inputs `{ dy, x, mean, variance, scale }` (`dy` and `x` the shape of the
 *   input, the others `[C]`); attributes `{ varianceEpsilon }`; outputs `[dx, dScale, dOffset]`,
 *   the gradient of `scale · (x − mean) / √(variance + ε) + offset` when `mean` and `variance` are
 *   the batch statistics of `x` (their own gradient included in `dx`).
 *
 * @example
 * ```ts
 * if (tf.getKernel(TESSERA_KERNELS.batchNormStats, tf.getBackend())) {
 *   const [mean, variance] = tf.engine().runKernel(TESSERA_KERNELS.batchNormStats, { x }, {});
 * }
 * ```
 * @category Kernels
 */
export const TESSERA_KERNELS = {
  batchNormStats: 'TesseraBatchNormStats',
  batchNormGrad: 'TesseraBatchNormGrad',
} as const;
