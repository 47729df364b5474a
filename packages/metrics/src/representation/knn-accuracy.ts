import * as tf from '@tensorflow/tfjs-core';
import {
  assertInteger,
  assertPositive,
  InvalidArgumentError,
  TESSERA_KERNELS,
  type TensorLike1D,
  type TensorLike2D,
  toTensor2D,
} from '@tessera/core';
import { readClassLabels } from '../internal/read-matrix';
import { integerRows } from './integer-rows';
import { neighbours, type Prepared } from './knn-neighbours';
import { rerank, type Screen, screenRows } from './knn-screen';

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
 * takes exact int16 dot products: the same cosines without float32's rounded partial sums, at
 * twice the speed. Where it registers both, other data is screened by int16 products of its unit
 * rows rounded to integers of at most 32767, whose error is bounded, and every training row that
 * can be among a test row's k nearest is re-ranked by its exact cosine (float64 products of the
 * float32 unit rows): the neighbours of exact cosines, in about 0.7× the time of float32 products
 * at 512 features (little less at 128). Elsewhere similarities are float32
 * products, each column of `train · blockᵀ`'s neighbours taken by `TesseraTopKColumns` where the
 * backend registers it (no transpose, no sort of every similarity). {@link knnAccuracyAsync}
 * reads results with `await data()`.
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
    const [values, indices] = neighbours(p, start);
    try {
      const [top, at] = yield [values, indices];
      const [sims, idx] = p.screen ? rerank(p.screen, p.k, start, top, at) : [top, at];
      vote(p, start, sims, idx, predictions);
    } finally {
      tf.dispose([values, indices]);
    }
  }
  return finish(p, predictions);
}

function prepare(
  trainEmbeddings: tf.Tensor2D | TensorLike2D,
  trainLabels: tf.Tensor1D | TensorLike1D,
  testEmbeddings: tf.Tensor2D | TensorLike2D,
  testLabels: tf.Tensor1D | TensorLike1D,
  { k = 20, temperature = 0.07, numClasses, batchSize = 256 }: KnnOptions,
  fn: string,
): Prepared {
  assertPositive(temperature, fn, 'temperature');
  assertInteger(batchSize, fn, 'batchSize', { min: 1 });
  const p: Prepared = tf.tidy(() => {
    const train = toTensor2D(trainEmbeddings, { functionName: fn, argument: 'trainEmbeddings' });
    const test = toTensor2D(testEmbeddings, { functionName: fn, argument: 'testEmbeddings' });
    if (train.shape[1] !== test.shape[1])
      throw new InvalidArgumentError({
        functionName: fn,
        argument: 'testEmbeddings',
        detail: `train and test embeddings must have the same width, got ${train.shape[1]} and ${test.shape[1]}.`,
      });
    assertInteger(k, fn, 'k', { min: 1, max: train.shape[0] });
    const trl = readClassLabels(trainLabels, train.shape[0], fn, 'trainLabels');
    const tel = readClassLabels(testLabels, test.shape[0], fn, 'testLabels');
    const classes = numClasses ?? Math.max(0, ...trl, ...tel) + 1;
    assertInteger(classes, fn, 'numClasses', { min: 1 });
    const settings = {
      trainLabels: trl,
      testLabels: tel,
      k,
      temperature,
      numClasses: classes,
      batchSize,
    };
    const [a, b] = [tf.cast(train, 'float32'), tf.cast(test, 'float32')];
    const exact = tf.getKernel(TESSERA_KERNELS.int16MatMul, tf.getBackend())
      ? integerRows(a, b)
      : null;
    if (exact !== null)
      return {
        ...settings,
        train: tf.keep(exact.a.packed),
        test: tf.keep(exact.b.packed),
        inverseNorms: {
          train: tf.keep(exact.a.inverseNorms),
          test: tf.keep(exact.b.inverseNorms),
        },
      };
    const normalize = (x: tf.Tensor2D): tf.Tensor2D =>
      tf.div(x, tf.maximum(tf.norm(x, 'euclidean', 1, true), 1e-12));
    return { ...settings, train: tf.keep(normalize(a)), test: tf.keep(normalize(b)) };
  });
  return p.inverseNorms ? p : screened(p);
}

/** Float data screened by int16 products where the backend has both kernels the screen runs. */
function screened(p: Prepared): Prepared {
  const backend = tf.getBackend();
  if (!tf.getKernel(TESSERA_KERNELS.int16MatMul, backend)) return p;
  if (!tf.getKernel(TESSERA_KERNELS.topKColumns, backend)) return p;
  let screen: Screen | null;
  try {
    screen = screenRows(p.train, p.test, p.k);
  } catch (error) {
    release(p);
    throw error;
  }
  if (screen === null) return p;
  tf.dispose([p.train, p.test]);
  return { ...p, train: screen.train, test: screen.test, screen };
}

function release(p: Prepared): void {
  tf.dispose([p.train, p.test, p.inverseNorms]);
  if (p.screen) tf.dispose([p.screen.trainScale, p.screen.testScale]);
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
