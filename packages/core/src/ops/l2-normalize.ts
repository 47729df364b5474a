import * as tf from '@tensorflow/tfjs-core';
import { safeSqrt } from './safe-sqrt';

type CustomGradFn = Parameters<typeof tf.customGrad>[0];

/**
 * Divides each row by its L2 norm: `x / max(‖x‖₂, eps)` (PyTorch's `F.normalize`, eps `1e-12`).
 * Differentiable as PyTorch's is — `(dy − y·(y·dy)) / ‖x‖` where the norm reaches `eps`, `dy / eps`
 * below it (a zero row included: no NaN) — in a handful of kernels instead of the twenty that
 * differentiating the square root, the maximum and the division one by one takes.
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
  const op = tf.customGrad(((input: tf.Tensor, save: tf.GradSaveFunc) => {
    const norm = safeSqrt(tf.sum(tf.square(input), -1, true));
    const divisor = tf.maximum(norm, eps);
    const y = tf.div(input, divisor);
    // where the norm is the divisor, the gradient also flows through it (tf.maximum's rule: ties
    // go to the first argument)
    const throughNorm = tf.cast(tf.greaterEqual(norm, eps), 'float32');
    save([y, divisor, throughNorm]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [out, d, mask] = saved as [tf.Tensor, tf.Tensor, tf.Tensor];
        const along = tf.mul(tf.sum(tf.mul(out, dy), -1, true), mask);
        return tf.div(tf.sub(dy, tf.mul(out, along)), d);
      },
    };
  }) as unknown as CustomGradFn);
  return op(x) as T;
}
