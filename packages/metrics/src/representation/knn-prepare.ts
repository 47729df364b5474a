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
import { type IntegerRows, integerRows } from './integer-rows';
import type { KnnOptions } from './knn-accuracy';
import type { Prepared } from './knn-neighbours';
import { projectionScreen } from './knn-projection';
import { type Screen, screenRows } from './knn-screen';

/** The kNN's inputs checked, normalised or made integer, and screened where that pays. @internal */
export function prepare(
  trainEmbeddings: tf.Tensor2D | TensorLike2D,
  trainLabels: tf.Tensor1D | TensorLike1D,
  testEmbeddings: tf.Tensor2D | TensorLike2D,
  testLabels: tf.Tensor1D | TensorLike1D,
  { k = 20, temperature = 0.07, numClasses, batchSize = 256 }: KnnOptions,
  fn: string,
): Prepared {
  assertPositive(temperature, fn, 'temperature');
  assertInteger(batchSize, fn, 'batchSize', { min: 1 });
  let rows: { a: IntegerRows; b: IntegerRows } | null = null;
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
    rows = exact;
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
  return screened(p, rows);
}

/**
 * Data screened by int16 products where the backend has both kernels the screen runs: float data
 * by its rounded unit rows, wide integer data by a projection of its unit rows (the same
 * neighbours, in less time than exact products of every column).
 */
function screened(p: Prepared, rows: { a: IntegerRows; b: IntegerRows } | null): Prepared {
  const backend = tf.getBackend();
  if (!tf.getKernel(TESSERA_KERNELS.int16MatMul, backend)) return p;
  if (!tf.getKernel(TESSERA_KERNELS.topKColumns, backend)) return p;
  let screen: Screen | null;
  try {
    screen = rows ? projectionScreen(rows.a, rows.b, p.k) : screenRows(p.train, p.test, p.k);
  } catch (error) {
    release(p);
    throw error;
  }
  if (screen === null) return p;
  const { inverseNorms, ...settings } = p;
  if (!rows) tf.dispose([p.train, p.test, inverseNorms]);
  const exactRows = rows ? { exactRows: { train: p.train, test: p.test, inverseNorms } } : {};
  return { ...settings, train: screen.train, test: screen.test, screen, ...exactRows };
}

/**
 * Leaves a projection's screen for exact products of every column (the remaining blocks):
 * disposes the screen's tensors and takes the exact rows back. @internal
 */
export function unscreen(p: Prepared): void {
  const { screen, exactRows } = p;
  if (!screen || !exactRows) return;
  tf.dispose([p.train, p.test, screen.trainScale, screen.testScale]);
  p.train = exactRows.train;
  p.test = exactRows.test;
  p.inverseNorms = exactRows.inverseNorms;
  delete p.screen;
  delete p.exactRows;
}

/** Disposes the prepared tensors. @internal */
export function release(p: Prepared): void {
  tf.dispose([p.train, p.test, p.inverseNorms]);
  if (p.exactRows) tf.dispose([p.exactRows.train, p.exactRows.test, p.exactRows.inverseNorms]);
  if (p.screen) tf.dispose([p.screen.trainScale, p.screen.testScale]);
}
