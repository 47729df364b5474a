import * as tf from '@tensorflow/tfjs-core';
import {
  assertInRange,
  assertInteger,
  assertPositive,
  createRng,
  InvalidArgumentError,
  type TensorLike1D,
  type TensorLike2D,
  toTensor2D,
} from '@tessera/core';
import { readClassLabels } from '../internal/read-matrix';
import { minimizeLbfgs } from './lbfgs';
import { probeObjective, probeValueAndGradient } from './probe-objective';

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
    for (const [argument, labels] of [
      ['trainLabels', yTrain],
      ['testLabels', yTest],
    ] as const) {
      const at = labels.findIndex((label) => label >= numClasses);
      if (at >= 0)
        throw new InvalidArgumentError({
          functionName: fn,
          argument,
          detail: `${argument} must be below numClasses (${numClasses}), got ${labels[at]} at index ${at}.`,
        });
    }
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

interface Fitted {
  w: tf.Tensor2D;
  b: tf.Tensor1D;
  history: number[];
}

/** Adam over `epochs` passes of (mini-batches of) the rows; the objective is read after each pass. */
async function fitAdam(
  xTrain: tf.Tensor2D,
  oneHot: tf.Tensor2D,
  weightDecay: number,
  options: LinearProbeOptions,
): Promise<Fitted> {
  const fn = 'linearProbe';
  const { epochs = 100, learningRate = 0.1, seed = 0, onEpochEnd } = options;
  assertInteger(epochs, fn, 'epochs', { min: 1 });
  assertPositive(learningRate, fn, 'learningRate');
  const [n, dims] = xTrain.shape;
  const batchSize = options.batchSize ?? n;
  assertInteger(batchSize, fn, 'batchSize', { min: 1 });
  const w = tf.tidy(() =>
    tf.variable(tf.zeros([dims, oneHot.shape[1]])),
  ) as tf.Variable<tf.Rank.R2>;
  const b = tf.tidy(() => tf.variable(tf.zeros([oneHot.shape[1]]))) as tf.Variable<tf.Rank.R1>;
  const optimizer = tf.train.adam(learningRate);
  try {
    const rng = createRng(seed);
    const history: number[] = [];
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const order = batchSize < n ? rng.permutation(n) : null;
      for (let start = 0; start < n; start += batchSize) {
        tf.tidy(() => {
          let x = xTrain;
          let y = oneHot;
          if (order !== null) {
            const rows = tf.tensor1d(order.slice(start, start + batchSize), 'int32');
            x = tf.gather(xTrain, rows);
            y = tf.gather(oneHot, rows);
          }
          optimizer.minimize(() => probeObjective(w, b, x, y, weightDecay), false, [w, b]);
        });
      }
      const value = tf.tidy(() => probeObjective(w, b, xTrain, oneHot, weightDecay));
      const v = (await value.data())[0] as number;
      value.dispose();
      history.push(v);
      onEpochEnd?.(epoch, v);
    }
    return { w, b, history };
  } catch (error) {
    tf.dispose([w, b]);
    throw error;
  } finally {
    optimizer.dispose();
  }
}

/** Full-batch L-BFGS from zero weights to the optimum (or `maxIterations`). */
async function fitLbfgs(
  xTrain: tf.Tensor2D,
  labels: Int32Array,
  oneHot: tf.Tensor2D,
  weightDecay: number,
  options: LinearProbeOptions,
): Promise<Fitted> {
  const fn = 'linearProbe';
  const { maxIterations = 200, tolerance = 1e-5, onEpochEnd } = options;
  assertInteger(maxIterations, fn, 'maxIterations', { min: 1 });
  assertPositive(tolerance, fn, 'tolerance');
  const dims = xTrain.shape[1];
  const classes = oneHot.shape[1];
  const objective = probeValueAndGradient(xTrain, labels, oneHot, weightDecay);
  try {
    const { x, history } = await minimizeLbfgs(
      (p) => objective.evaluate(p),
      new Float64Array(dims * classes + classes),
      {
        maxIterations,
        gradientTolerance: tolerance,
        // float32 sums: progress below a few ulps of the objective is noise
        progressTolerance: 1e-7,
        ...(onEpochEnd ? { onIteration: onEpochEnd } : {}),
      },
    );
    const w = tf.tensor2d(Float32Array.from(x.subarray(0, dims * classes)), [dims, classes]);
    const b = tf.tensor1d(Float32Array.from(x.subarray(dims * classes)));
    if (history.length === 0) {
      const value = tf.tidy(() => probeObjective(w, b, xTrain, oneHot, weightDecay));
      history.push((await value.data())[0] as number);
      value.dispose();
    }
    return { w, b, history };
  } finally {
    objective.dispose();
  }
}
