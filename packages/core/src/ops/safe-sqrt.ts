import * as tf from '@tensorflow/tfjs-core';

type CustomGradFn = Parameters<typeof tf.customGrad>[0];

/**
 * `sqrt(x)` for `x ≥ 0` whose gradient is 0 at `x = 0` instead of ∞·0 = NaN — as PyTorch's norm
 * backward does. Distances between identical points (the diagonal of a pairwise matrix, a similar
 * pair that coincides) then train without NaNs.
 *
 * @example
 * ```ts
 * tf.grad((x) => safeSqrt(x))(tf.scalar(0)); // 0, not NaN
 * ```
 * @category Ops
 */
export const safeSqrt = tf.customGrad(((x: tf.Tensor, save: tf.GradSaveFunc) => {
  const value = tf.sqrt(x);
  save([value]);
  return {
    value,
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const y = saved[0] as tf.Tensor;
      return tf.where(
        tf.greater(y, 0),
        tf.div(tf.mul(dy, 0.5), tf.maximum(y, 1e-30)),
        tf.zerosLike(y),
      );
    },
  };
}) as unknown as CustomGradFn) as (x: tf.Tensor) => tf.Tensor;
