import * as tf from '@tensorflow/tfjs-core';
import { TESSERA_KERNELS } from '@tessera/core';
import { gram, gramProduct } from './gram';
import { logSumExpOffDiagonal } from './log-sum-exp-off-diagonal';

type CustomGradFn = Parameters<typeof tf.customGrad>[0];

/**
 * Each row's log-sum-exp without the diagonal of the Gram matrix `u·uᵀ`: the denominators of the
 * in-batch contrastive losses (NT-Xent, SupCon). Where the backend has `TesseraSoftmaxOffDiagonal`
 * (`@tessera/backends` on wasm) this is one op whose gradient goes from the saved softmax `P`
 * straight to `u`: `(diag(g)·P + (diag(g)·P)ᵀ)·u` for the incoming row gradient `g`, in one pass
 * where the backend also has `TesseraScaledSymmetricMatMul` (else the symmetric factor, by
 * `TesseraScaledSymmetricSum` or the composed multiply, transpose and add, then a matmul).
 * Elsewhere the product and the log-sum-exp are differentiated one after the other.
 * @internal
 */
export function gramLogSumExpOffDiagonal(u: tf.Tensor2D): tf.Tensor1D {
  return canFuse(u) ? (fused(u) as tf.Tensor1D) : logSumExpOffDiagonal(gram(u));
}

/** Whether the backend has the fused softmax for `u·uᵀ` (float32, at least 2 rows). @internal */
export function canFuse(u: tf.Tensor2D): boolean {
  return (
    u.shape[0] >= 2 &&
    u.dtype === 'float32' &&
    tf.getKernel(TESSERA_KERNELS.softmaxOffDiagonal, tf.getBackend()) !== undefined
  );
}

const fused = tf.customGrad(((u: tf.Tensor2D, save: tf.GradSaveFunc) => {
  const [p, lse] = gramSoftmax(u);
  save([p, u]);
  return {
    value: lse,
    gradFunc: (dy: tf.Tensor1D, saved: tf.Tensor[]) => {
      const [softmax, rows] = saved as [tf.Tensor2D, tf.Tensor2D];
      return symmetricFactorTimes(softmax, dy, rows);
    },
  };
}) as unknown as CustomGradFn) as (u: tf.Tensor2D) => tf.Tensor;

/**
 * The softmax and log-sum-exp without the diagonal of each row of `u·uᵀ` (the fused kernels;
 * only where {@link canFuse}), without a gradient. @internal
 */
export function gramSoftmax(u: tf.Tensor2D): [tf.Tensor2D, tf.Tensor1D] {
  const s = gramProduct(u);
  return tf.engine().runKernel(TESSERA_KERNELS.softmaxOffDiagonal, { s }, {}) as unknown as [
    tf.Tensor2D,
    tf.Tensor1D,
  ];
}

/**
 * `(diag(g)·p + (diag(g)·p)ᵀ)·u`: in one pass where the backend has
 * `TesseraScaledSymmetricMatMul` (the `[n, n]` factor never written), else the factor
 * ({@link symmetricFactor}) and a matmul. @internal
 */
export function symmetricFactorTimes(p: tf.Tensor2D, g: tf.Tensor1D, u: tf.Tensor2D): tf.Tensor2D {
  if (tf.getKernel(TESSERA_KERNELS.scaledSymmetricMatMul, tf.getBackend()))
    return tf
      .engine()
      .runKernel(TESSERA_KERNELS.scaledSymmetricMatMul, { p, g, u }, {}) as tf.Tensor2D;
  return tf.matMul(symmetricFactor(p, g), u);
}

/** `diag(g)·p + (diag(g)·p)ᵀ`. @internal */
export function symmetricFactor(p: tf.Tensor2D, g: tf.Tensor1D): tf.Tensor2D {
  if (tf.getKernel(TESSERA_KERNELS.scaledSymmetricSum, tf.getBackend()))
    return tf.engine().runKernel(TESSERA_KERNELS.scaledSymmetricSum, { p, g }, {}) as tf.Tensor2D;
  const scaled = tf.mul(p, tf.expandDims(g, 1));
  return tf.add(scaled, tf.transpose(scaled));
}
