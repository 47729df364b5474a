import * as tf from '@tensorflow/tfjs-core';
import { TESSERA_KERNELS } from '@tessera/core';
import type { Screen } from './knn-screen';

/** The kNN's inputs as its blocks read them. @internal */
export interface Prepared {
  /** `[N, D]`: normalised training rows, or with {@link Prepared.inverseNorms} packed int16 rows. */
  train: tf.Tensor2D;
  trainLabels: Int32Array;
  test: tf.Tensor2D;
  /** Integer data: the rows' inverse norms, which scale the int16 products to cosines. */
  inverseNorms?: { train: tf.Tensor1D; test: tf.Tensor1D };
  /** Data screened by int16 products: `train` and `test` are the screen's rows. */
  screen?: Screen;
  /** Integer data screened by a projection: its exact rows, for blocks the screen does not pay in. */
  exactRows?: { train: tf.Tensor2D; test: tf.Tensor2D; inverseNorms: Prepared['inverseNorms'] };
  testLabels: Int32Array;
  k: number;
  temperature: number;
  numClasses: number;
  batchSize: number;
}

/**
 * The top-k similarities and training-row indices of test rows `start …` (one block of
 * `batchSize`), each row's in descending order. Int16 rows — integer data, or the screen's
 * rounded rows, whose `candidates` per row are returned for the re-rank — take `TesseraInt16MatMul`
 * laid out `train · blockᵀ`; other data float32 products in that layout. Each column's top k comes
 * from `TesseraTopKColumns` where the backend has it (no transpose, no sort of every similarity),
 * else from `tf.topk` of the rows. @internal
 */
export function neighbours(p: Prepared, start: number): [tf.Tensor, tf.Tensor] {
  const rows = Math.min(p.batchSize, p.test.shape[0] - start);
  return nearest(p, { start, rows }, p.screen?.candidates ?? p.k);
}

/**
 * {@link neighbours} of test rows `queries` (any rows, gathered into one block), `k` per row.
 * @internal
 */
export function neighboursOf(p: Prepared, queries: Int32Array, k: number): [tf.Tensor, tf.Tensor] {
  return nearest(p, queries, k);
}

function nearest(
  p: Prepared,
  queries: { start: number; rows: number } | Int32Array,
  k: number,
): [tf.Tensor, tf.Tensor] {
  return tf.tidy(() => {
    const pick = <T extends tf.Tensor>(x: T): T =>
      queries instanceof Int32Array
        ? tf.gather(x, queries)
        : tf.slice(x, queries.start, queries.rows);
    const block = pick(p.test);
    const columns = tf.getKernel(TESSERA_KERNELS.topKColumns, tf.getBackend()) !== undefined;
    const scales = p.screen
      ? { train: p.screen.trainScale, test: p.screen.testScale }
      : p.inverseNorms;
    // [N, D]·[D, rows]: the large operand streams as the left one, the block is the small right
    // one (wasm's matMul packs its right operand on every call: ~1.5× faster); the int16 kernel
    // keeps the block's rows in cache and writes the transpose
    const sims = scales
      ? (tf.engine().runKernel(
          TESSERA_KERNELS.int16MatMul,
          {
            a: block,
            b: p.train,
            aScale: pick(scales.test),
            bScale: scales.train,
          },
          { transposeOutput: columns },
        ) as tf.Tensor2D)
      : tf.matMul(p.train, tf.transpose(block));
    if (columns)
      return tf.engine().runKernel(TESSERA_KERNELS.topKColumns, { x: sims }, { k }) as [
        tf.Tensor,
        tf.Tensor,
      ];
    const { values, indices } = tf.topk(scales ? sims : tf.transpose(sims), k, true);
    return [values, indices];
  });
}
