import * as tf from '@tensorflow/tfjs-core';
import { TESSERA_KERNELS } from '@tessera/core';

/** The kNN's inputs as its blocks read them. @internal */
export interface Prepared {
  /** `[N, D]`: normalised training rows, or with {@link Prepared.inverseNorms} packed int16 rows. */
  train: tf.Tensor2D;
  trainLabels: Int32Array;
  test: tf.Tensor2D;
  /** Integer data: the rows' inverse norms, which scale the int16 products to cosines. */
  inverseNorms?: { train: tf.Tensor1D; test: tf.Tensor1D };
  testLabels: Int32Array;
  k: number;
  temperature: number;
  numClasses: number;
  batchSize: number;
}

/**
 * The top-k similarities and training-row indices of test rows `start …` (one block of
 * `batchSize`): exact int16 cosines and `tf.topk` of their rows for integer data, else float32
 * products laid out `train · blockᵀ` and each column's top k (`TesseraTopKColumns` where the
 * backend has it). @internal
 */
export function neighbours(p: Prepared, start: number): [tf.Tensor, tf.Tensor] {
  return tf.tidy(() => {
    const rows = Math.min(p.batchSize, p.test.shape[0] - start);
    const block = tf.slice(p.test, [start, 0], [rows, -1]);
    const norms = p.inverseNorms;
    if (norms) {
      const sims = tf.engine().runKernel(TESSERA_KERNELS.int16MatMul, {
        a: block,
        b: p.train,
        aScale: tf.slice(norms.test, [start], [rows]),
        bScale: norms.train,
      }) as tf.Tensor2D;
      const { values, indices } = tf.topk(sims, p.k, true);
      return [values, indices];
    }
    // [N, D]·[D, rows]: the large operand streams as the left one, the block is the small right
    // one (wasm's matMul packs its right operand on every call: ~1.5× faster)
    const sims = tf.matMul(p.train, tf.transpose(block));
    // each column's neighbours where the backend has the kernel, else the transpose's rows'
    if (tf.getKernel(TESSERA_KERNELS.topKColumns, tf.getBackend()))
      return tf.engine().runKernel(TESSERA_KERNELS.topKColumns, { x: sims }, { k: p.k }) as [
        tf.Tensor,
        tf.Tensor,
      ];
    const { values, indices } = tf.topk(tf.transpose(sims), p.k, true);
    return [values, indices];
  });
}
