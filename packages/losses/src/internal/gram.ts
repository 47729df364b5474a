import * as tf from '@tensorflow/tfjs-core';
import { TESSERA_KERNELS } from '@tessera/core';

type CustomGradFn = Parameters<typeof tf.customGrad>[0];

/**
 * `U·Uᵀ`, without a gradient: where the backend has `TesseraGram` (`@tessera/backends` on wasm)
 * only the upper triangle is computed and mirrored (half the multiplications, a matrix symmetric
 * to the bit); elsewhere `tf.matMul`.
 * @internal
 */
export function gramProduct(u: tf.Tensor2D): tf.Tensor2D {
  return u.dtype === 'float32' && tf.getKernel(TESSERA_KERNELS.gram, tf.getBackend())
    ? (tf.engine().runKernel(TESSERA_KERNELS.gram, { u }, {}) as tf.Tensor2D)
    : tf.matMul(u, u, false, true);
}

/**
 * `U·Uᵀ` ({@link gramProduct}) with the gradient `(dS + dSᵀ)·U`: one matmul instead of the two a
 * generic matmul gradient needs (the similarity matrix of in-batch contrastive losses is a Gram
 * matrix).
 * @internal
 */
export const gram = tf.customGrad(((u: tf.Tensor2D, save: tf.GradSaveFunc) => {
  save([u]);
  return {
    value: gramProduct(u),
    gradFunc: (dy: tf.Tensor2D, saved: tf.Tensor[]) =>
      tf.matMul(tf.add(dy, tf.transpose(dy)), saved[0] as tf.Tensor2D),
  };
}) as unknown as CustomGradFn) as (u: tf.Tensor2D) => tf.Tensor2D;
