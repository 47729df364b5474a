import * as tf from '@tensorflow/tfjs-core';
import { TESSERA_KERNELS } from '@tessera/core';
import { hasKernels } from '../internal/has-kernels';

/** What {@link batchNormTraining} returns: the output and the batch statistics it used. @internal */
export interface BatchNormTrainingResult {
  /** `γ · (x − mean) / √(var + ε) + β`, the shape of `x`. */
  readonly y: tf.Tensor;
  /** `[C]` batch mean (for the moving averages; no gradient flows through it). */
  readonly mean: tf.Tensor1D;
  /** `[C]` biased batch variance, as `tf.moments` (Keras' and TF.js's moving variance). */
  readonly variance: tf.Tensor1D;
}

/**
 * Batch normalisation over every axis but the last, with the textbook fused gradient
 * (Ioffe & Szegedy 2015): with `x̂ = (x − μ)·r`, `r = 1/√(σ² + ε)` and N values per channel,
 * `dβ = Σ dy`, `dγ = Σ dy·x̂`, `dx = γ·r·(dy − dβ/N − x̂·dγ/N)`. The same values and gradients as
 * TF.js's `moments` + `batchNorm` (whose gradient is taken through both and tiles per-channel
 * factors to the input's size), in 5 full-size element-wise passes and 2 reductions instead of
 * about 15 — the cost of batch norm in a conv net's training step on wasm. Where the backend
 * registers Tessera's batch-norm kernels (`TESSERA_KERNELS`; `@tessera/backends` does for `wasm`),
 * the statistics and the gradient run on them instead: two passes over `x` for the statistics and
 * two over `dy` and `x` for the gradient, and nothing full-size kept for the backward pass but `x`.
 * @internal
 */
export function batchNormTraining(
  x: tf.Tensor,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  epsilon: number,
): BatchNormTrainingResult {
  const axes = x.shape.slice(0, -1).map((_, i) => i);
  const n = x.size / (x.shape.at(-1) as number);
  let mean: tf.Tensor1D | null = null;
  let variance: tf.Tensor1D | null = null;
  if (
    x.dtype === 'float32' &&
    hasKernels(TESSERA_KERNELS.batchNormStats, TESSERA_KERNELS.batchNormGrad)
  ) {
    const op = tf.customGrad((input, g, b, save) => {
      const xs = input as tf.Tensor;
      const [m, v] = tf
        .engine()
        .runKernel(TESSERA_KERNELS.batchNormStats, { x: xs }, {}) as tf.Tensor1D[];
      // kept: they leave customGrad's scope for the moving averages, and the caller disposes them
      // (the backward pass keeps its own references)
      mean = tf.keep(m as tf.Tensor1D);
      variance = tf.keep(v as tf.Tensor1D);
      (save as tf.GradSaveFunc)([xs, tf.clone(mean), tf.clone(variance), g as tf.Tensor]);
      return {
        value: tf.batchNorm(xs, mean, variance, b as tf.Tensor1D, g as tf.Tensor1D, epsilon),
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
          const [sx, sMean, sVariance, sGamma] = saved as [
            tf.Tensor,
            tf.Tensor,
            tf.Tensor,
            tf.Tensor,
          ];
          return tf
            .engine()
            .runKernel(
              TESSERA_KERNELS.batchNormGrad,
              { dy, x: sx, mean: sMean, variance: sVariance, scale: sGamma },
              { varianceEpsilon: epsilon },
            ) as tf.Tensor[];
        },
      };
    });
    const y = op(x, gamma, beta);
    return { y, mean: mean!, variance: variance! };
  }
  const op = tf.customGrad((input, g, b, save) => {
    const xs = input as tf.Tensor;
    const moments = tf.moments(xs, axes);
    // kept: they leave customGrad's scope for the moving averages; the caller disposes them
    mean = tf.keep(moments.mean as tf.Tensor1D);
    variance = tf.keep(moments.variance as tf.Tensor1D);
    const rstd = tf.rsqrt(tf.add(variance, epsilon));
    const xHat = tf.mul(tf.sub(xs, mean), rstd);
    (save as tf.GradSaveFunc)([xHat, rstd, g as tf.Tensor]);
    return {
      value: tf.batchNorm(xs, mean, variance, b as tf.Tensor1D, g as tf.Tensor1D, epsilon),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [savedXHat, savedRstd, savedGamma] = saved as [tf.Tensor, tf.Tensor1D, tf.Tensor1D];
        const dBeta = tf.sum(dy, axes);
        const dGamma = tf.sum(tf.mul(dy, savedXHat), axes);
        const k1 = tf.mul(savedGamma, savedRstd);
        const k2 = tf.div(tf.mul(k1, dGamma), -n);
        const k3 = tf.div(tf.mul(k1, dBeta), -n);
        const dx = tf.add(tf.add(tf.mul(dy, k1), tf.mul(savedXHat, k2)), k3);
        return [dx, dGamma, dBeta];
      },
    };
  });
  const y = op(x, gamma, beta);
  return { y, mean: mean!, variance: variance! };
}
