import * as tf from '@tensorflow/tfjs-core';
import type { TensorLike1D, TensorLike2D } from '@tessera/core';
import { neighbours, neighboursOf, type Prepared } from './knn-neighbours';
import { prepare, release, unscreen } from './knn-prepare';
import { rankEvery, rerank } from './knn-rerank';
import type { Screen } from './knn-screen';

/** Options of {@link knnAccuracy}. @category Representation */
export interface KnnOptions {
  /** Neighbours that vote. Default 20. */
  k?: number;
  /** σ of the vote weight exp(cos / σ) (InstDisc's τ). Default 0.07. */
  temperature?: number;
  /** Number of classes. Default: 1 + the largest train label. */
  numClasses?: number;
  /** Test rows per similarity block (memory: `batchSize × numTrain` floats). Default 256. */
  batchSize?: number;
}

/** What {@link knnAccuracy} returns. @category Representation */
export interface KnnResult {
  /** Fraction of test rows whose predicted class equals their label. */
  accuracy: number;
  /** Predicted class per test row. */
  predictions: Int32Array;
}

/**
 * Weighted k-nearest-neighbour accuracy of frozen embeddings, as InstDisc (Wu et al. 2018,
 * lemniscate.pytorch's `kNN`): embeddings are L2-normalised, each test row takes its `k` most
 * cosine-similar training rows, class c scores Σ exp(sim / σ) over the neighbours of class c, and
 * the best-scoring class (lowest id on ties) is the prediction.
 *
 * Similarities are computed on the current TF.js backend, `batchSize` test rows at a time, so
 * 60 000 × 10 000 embeddings fit in memory; the vote is float64. No tensor is left behind. Where
 * the backend registers `TesseraInt16MatMul` (`@tessera/backends` does on `wasm`, with
 * `TesseraTopKColumns`), integer data — raw 8-bit pixels, stored as integers or divided by 255 —
 * takes exact int16 dot products: the same cosines without float32's rounded partial sums. Where
 * it registers both, data is screened, and every training row that can be among a test row's k
 * nearest is re-ranked by its exact cosine, so the neighbours are those of exact cosines:
 * - other (float) data by int16 products of its unit rows rounded to integers of at most 32767,
 *   whose error is bounded (about 0.7× the time of float32 products at 512 features);
 * - integer data at least 128 columns wide by a projection of its unit rows on about a quarter as
 *   many leading directions, plus the norm of what the directions leave out, which bounds each
 *   cosine from above (about 0.8× the time of exact products for MNIST's 60 000 × 10 000 digits).
 *   An estimate on 32 test rows first checks that the bound is tight enough for the data, and a
 *   block with more than 1 row in 16 left uncertain hands the rest to exact products.
 *
 * Elsewhere similarities are float32 products, each column of `train · blockᵀ`'s neighbours taken
 * by `TesseraTopKColumns` where the backend registers it (no transpose, no sort of every
 * similarity). {@link knnAccuracyAsync} reads results with `await data()`.
 *
 * @param trainEmbeddings - `[N, D]`.
 * @param trainLabels - `[N]` integer classes.
 * @param testEmbeddings - `[M, D]`.
 * @param testLabels - `[M]` integer classes.
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} on mismatched shapes or counts, `k` outside `[1, N]`,
 *   non-integer labels or a non-positive temperature.
 * @example
 * ```ts
 * const { accuracy } = knnAccuracy(trainEmb, trainLabels, testEmb, testLabels, { k: 20 });
 * ```
 * @category Representation
 */
export function knnAccuracy(
  trainEmbeddings: tf.Tensor2D | TensorLike2D,
  trainLabels: tf.Tensor1D | TensorLike1D,
  testEmbeddings: tf.Tensor2D | TensorLike2D,
  testLabels: tf.Tensor1D | TensorLike1D,
  options: KnnOptions = {},
): KnnResult {
  const p = prepare(
    trainEmbeddings,
    trainLabels,
    testEmbeddings,
    testLabels,
    options,
    'knnAccuracy',
  );
  const blocks = knnBlocks(p);
  try {
    let step = blocks.next();
    while (!step.done) step = blocks.next([step.value[0].dataSync(), step.value[1].dataSync()]);
    return step.value;
  } finally {
    blocks.return(undefined as never); // disposes the open block if a read threw
    release(p);
  }
}

/** {@link knnAccuracy}, reading each block with `await data()` so the page stays responsive. @category Representation */
export async function knnAccuracyAsync(
  trainEmbeddings: tf.Tensor2D | TensorLike2D,
  trainLabels: tf.Tensor1D | TensorLike1D,
  testEmbeddings: tf.Tensor2D | TensorLike2D,
  testLabels: tf.Tensor1D | TensorLike1D,
  options: KnnOptions = {},
): Promise<KnnResult> {
  const p = prepare(
    trainEmbeddings,
    trainLabels,
    testEmbeddings,
    testLabels,
    options,
    'knnAccuracyAsync',
  );
  const blocks = knnBlocks(p);
  try {
    let step = blocks.next();
    while (!step.done) step = blocks.next([await step.value[0].data(), await step.value[1].data()]);
    return step.value;
  } finally {
    blocks.return(undefined as never); // disposes the open block if a read threw
    release(p);
  }
}

/**
 * The kNN loop without its reads: yields each block's top-k similarities and indices, receives
 * their values (read sync or async by the caller), votes, and disposes the block.
 */
function* knnBlocks(
  p: Prepared,
): Generator<[tf.Tensor, tf.Tensor], KnnResult, [ArrayLike<number>, ArrayLike<number>]> {
  const predictions = new Int32Array(p.testLabels.length);
  for (let start = 0; start < predictions.length; start += p.batchSize) {
    let ranked: [ArrayLike<number>, ArrayLike<number>] | null = null;
    while (ranked === null) {
      // a block again after a projection's screen gave way to exact products
      const [values, indices] = neighbours(p, start);
      try {
        const [top, at] = yield [values, indices];
        ranked = p.screen ? reranked(p, p.screen, start, top, at) : [top, at];
      } finally {
        tf.dispose([values, indices]);
      }
    }
    vote(p, start, ranked[0], ranked[1], predictions);
  }
  return finish(p, predictions);
}

/** The most candidates a block keeps per row (each insertion into a column's top k costs O(k)). */
const MOST_CANDIDATES = 1024;

/**
 * A block's exact k nearest from its screened candidates. Rows whose candidates ran out are
 * screened again with 8 times the candidates (read at once: a few rows), and any still short
 * over every training row; when more than 1 row in 16 ran out, later blocks keep twice the
 * candidates — or, screened by a projection, this block and the rest take exact products
 * (`null`: the block is to be computed again).
 */
function reranked(
  p: Prepared,
  s: Screen,
  start: number,
  values: ArrayLike<number>,
  indices: ArrayLike<number>,
): [Float64Array, Int32Array] | null {
  const queries = Int32Array.from({ length: values.length / s.candidates }, (_, r) => start + r);
  const { sims, idx, short } = rerank(s, p.k, queries, values, indices);
  if (short.length === 0) return [sims, idx];
  if (p.exactRows && 16 * short.length > queries.length) {
    unscreen(p);
    return null;
  }
  const n = s.trainScale.shape[0];
  const wide = Math.min(n, 8 * s.candidates);
  const again = Int32Array.from(short, (r) => queries[r]!);
  const [v, i] = neighboursOf(p, again, wide);
  const second = rerank(s, p.k, again, v.dataSync(), i.dataSync());
  tf.dispose([v, i]);
  short.forEach((r, j) => {
    sims.set(second.sims.subarray(j * p.k, (j + 1) * p.k), r * p.k);
    idx.set(second.idx.subarray(j * p.k, (j + 1) * p.k), r * p.k);
  });
  for (const j of second.short) rankEvery(s, p.k, again[j]!, sims, idx, short[j]! * p.k);
  if (16 * short.length > queries.length)
    s.candidates = Math.max(s.candidates, Math.min(2 * s.candidates, MOST_CANDIDATES, n));
  return [sims, idx];
}

function vote(
  p: Prepared,
  start: number,
  sims: ArrayLike<number>,
  idx: ArrayLike<number>,
  out: Int32Array,
): void {
  const rows = sims.length / p.k;
  const scores = new Float64Array(p.numClasses);
  for (let r = 0; r < rows; r++) {
    scores.fill(0);
    for (let j = 0; j < p.k; j++) {
      const label = p.trainLabels[idx[r * p.k + j] as number] as number;
      if (label < p.numClasses)
        scores[label]! += Math.exp((sims[r * p.k + j] as number) / p.temperature);
    }
    let best = 0;
    for (let c = 1; c < p.numClasses; c++)
      if ((scores[c] as number) > (scores[best] as number)) best = c;
    out[start + r] = best;
  }
}

function finish(p: Prepared, predictions: Int32Array): KnnResult {
  let correct = 0;
  for (let i = 0; i < predictions.length; i++) if (predictions[i] === p.testLabels[i]) correct++;
  return { accuracy: correct / predictions.length, predictions };
}
