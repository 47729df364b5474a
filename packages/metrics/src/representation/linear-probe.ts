import * as tf from '@tensorflow/tfjs-core';
import {
  assertInRange,
  assertInteger,
  InvalidArgumentError,
  type TensorLike1D,
  type TensorLike2D,
  toTensor2D,
} from '@tessera/core';
import { assertLabelsBelow, readClassLabels } from '../internal/read-matrix';
import { fitAdam, fitLbfgs } from './probe-fit';

/** Options of {@link linearProbe}. @category Representation */
export interface LinearProbeOptions {
  /**
   * `'adam'` (default): `epochs` passes of Adam over (mini-batches of) the rows. `'lbfgs'`:
   * full-batch L-BFGS to the optimum, as scikit-learn's default solver — a handful of passes'
   * time for a converged fit; `batchSize`, `learningRate` and `seed` do not apply.
   */
  solver?: 'adam' | 'lbfgs';
  /** Adam: passes over the training embeddings. Default 100. */
  epochs?: number;
  /** L-BFGS: iterations at most. Default 200. */
  maxIterations?: number;
  /** L-BFGS: stop once the largest gradient entry is at most this. Default 1e-5. */
  tolerance?: number;
  /** Adam's step size. Default 0.1. */
  learningRate?: number;
  /** L2 penalty λ/2 · ‖W‖² on the weights (not the bias), added to the mean cross-entropy. Default 0. */
  weightDecay?: number;
  /** Rows per step. Default: all of them (full-batch, deterministic). */
  batchSize?: number;
  /** Seed of the row shuffle when `batchSize` is smaller than the data. Default 0. */
  seed?: number;
  /** Number of classes. Default: 1 + the largest label. */
  numClasses?: number;
  /** Called after each epoch (L-BFGS: iteration) with its number (1-based) and the training objective. */
  onEpochEnd?: (epoch: number, objective: number) => void;
}

/** What {@link linearProbe} returns. @category Representation */
export interface LinearProbeResult {
  testAccuracy: number;
  trainAccuracy: number;
  /** Predicted class per test row. */
  predictions: Int32Array;
  /** Final training objective: mean cross-entropy + λ/2 · ‖W‖². */
  objective: number;
  /** Objective after each epoch (L-BFGS: iteration). */
  history: number[];
  /** `[D, C]` weights and `[C]` bias of the fitted classifier, row-major. */
  weights: Float32Array;
  bias: Float32Array;
}

/**
 * The linear-evaluation protocol of self-supervised learning: a multinomial logistic regression
 * trained with Adam on **frozen** embeddings (it receives arrays, never the encoder, so no gradient
 * can reach it), then scored on the test embeddings. The objective is scikit-learn's
 * `LogisticRegression(multi_class='multinomial')` with `C = 1 / (n · weightDecay)`, scaled by 1/n.
 *
 * Runs on the current TF.js backend in float32; leaves no tensor behind.
 *
 * @param trainEmbeddings - `[N, D]`.
 * @param trainLabels - `[N]` integer classes.
 * @param testEmbeddings - `[M, D]`.
 * @param testLabels - `[M]` integer classes.
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} on mismatched shapes or counts, non-integer labels or bad options.
 * @example
 * ```ts
 * const { testAccuracy } = await linearProbe(trainEmb, trainY, testEmb, testY, { epochs: 200 });
 * ```
 * @category Representation
 */
export async function linearProbe(
  trainEmbeddings: tf.Tensor2D | TensorLike2D,
  trainLabels: tf.Tensor1D | TensorLike1D,
  testEmbeddings: tf.Tensor2D | TensorLike2D,
  testLabels: tf.Tensor1D | TensorLike1D,
  options: LinearProbeOptions = {},
): Promise<LinearProbeResult> {
  const fn = 'linearProbe';
  const { solver = 'adam', weightDecay = 0 } = options;
  if (solver !== 'adam' && solver !== 'lbfgs')
    throw new InvalidArgumentError({
      functionName: fn,
      argument: 'solver',
      detail: `solver must be 'adam' or 'lbfgs', got ${JSON.stringify(solver)}.`,
    });
  assertInRange(weightDecay, 0, Infinity, fn, 'weightDecay');
  const [xTrain, xTest] = tf.tidy(() => [
    tf.cast(
      toTensor2D(trainEmbeddings, { functionName: fn, argument: 'trainEmbeddings' }),
      'float32',
    ),
    tf.cast(
      toTensor2D(testEmbeddings, { functionName: fn, argument: 'testEmbeddings' }),
      'float32',
    ),
  ]) as [tf.Tensor2D, tf.Tensor2D];
  const owned: tf.Tensor[] = [xTrain, xTest];
  try {
    const [n, dims] = xTrain.shape;
    if (xTest.shape[1] !== dims)
      throw new InvalidArgumentError({
        functionName: fn,
        argument: 'testEmbeddings',
        detail: `train and test embeddings must have the same width, got ${dims} and ${xTest.shape[1]}.`,
      });
    const yTrain = readClassLabels(trainLabels, n, fn, 'trainLabels');
    const yTest = readClassLabels(testLabels, xTest.shape[0], fn, 'testLabels');
    const numClasses = options.numClasses ?? Math.max(...yTrain, ...yTest) + 1;
    assertInteger(numClasses, fn, 'numClasses', { min: 2 });
    assertLabelsBelow(yTrain, numClasses, fn, 'trainLabels');
    assertLabelsBelow(yTest, numClasses, fn, 'testLabels');
    const oneHot = tf.tidy(() =>
      tf.cast(tf.oneHot(tf.tensor1d(yTrain, 'int32'), numClasses), 'float32'),
    ) as tf.Tensor2D;
    owned.push(oneHot);
    const { w, b, history } =
      solver === 'lbfgs'
        ? await fitLbfgs(xTrain, yTrain, oneHot, weightDecay, options)
        : await fitAdam(xTrain, oneHot, weightDecay, options);
    owned.push(w, b);
    const accuracy = async (x: tf.Tensor2D, y: Int32Array): Promise<[number, Int32Array]> => {
      const pred = tf.tidy(() => tf.argMax(tf.add(tf.matMul(x, w), b), 1));
      const p = new Int32Array(await pred.data());
      pred.dispose();
      let correct = 0;
      for (let i = 0; i < p.length; i++) if (p[i] === y[i]) correct++;
      return [correct / p.length, p];
    };
    const [trainAccuracy] = await accuracy(xTrain, yTrain);
    const [testAccuracy, predictions] = await accuracy(xTest, yTest);
    return {
      testAccuracy,
      trainAccuracy,
      predictions,
      objective: history[history.length - 1] as number,
      history,
      weights: new Float32Array(await w.data()),
      bias: new Float32Array(await b.data()),
    };
  } finally {
    tf.dispose(owned);
  }
}
