import * as tf from '@tensorflow/tfjs-core';
import { safeSqrt } from './safe-sqrt';

/**
 * Divides each row by its L2 norm: `x / max(‖x‖₂, eps)` (PyTorch's `F.normalize`, eps `1e-12`).
 * Differentiable, with a zero gradient at a zero row instead of NaN.
 *
 * @param x - Embeddings, shape `[batch, dim]` (any rank: the last axis is normalised).
 * @returns Same shape as `x`.
 * @example
 * ```ts
 * l2Normalize(tf.tensor2d([[3, 4]])); // [[0.6, 0.8]]
 * ```
 * @category Ops
 */
export function l2Normalize<T extends tf.Tensor>(x: T, { eps = 1e-12 }: { eps?: number } = {}): T {
  return tf.tidy(() => {
    const norm = safeSqrt(tf.sum(tf.square(x), -1, true));
    return tf.div(x, tf.maximum(norm, eps)) as T;
  });
}
