import * as tf from '@tensorflow/tfjs-core';

type CustomGradFn = Parameters<typeof tf.customGrad>[0];

/**
 * `U·Uᵀ` with the gradient `(dS + dSᵀ)·U`: one matmul instead of the two a generic matmul gradient
 * needs (the similarity matrix of in-batch contrastive losses is a Gram matrix).
 * @internal
 */
export const gram = tf.customGrad(((u: tf.Tensor2D, save: tf.GradSaveFunc) => {
  save([u]);
  return {
    value: tf.matMul(u, u, false, true),
    gradFunc: (dy: tf.Tensor2D, saved: tf.Tensor[]) =>
      tf.matMul(tf.add(dy, tf.transpose(dy)), saved[0] as tf.Tensor2D),
  };
}) as unknown as CustomGradFn) as (u: tf.Tensor2D) => tf.Tensor2D;
