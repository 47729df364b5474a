import * as tf from '@tensorflow/tfjs-core';
import { assertInteger, assertPositive, createRng } from '@tessera/core';
import { minimizeLbfgs } from './lbfgs';
import type { LinearProbeOptions } from './linear-probe';
import { probeObjective, probeValueAndGradient } from './probe-objective';

/** A fitted probe: `[D, C]` weights, `[C]` bias and the objective after each epoch or iteration. */
export interface Fitted {
  w: tf.Tensor2D;
  b: tf.Tensor1D;
  history: number[];
}

/** Adam over `epochs` passes of (mini-batches of) the rows; the objective is read after each pass. */
export async function fitAdam(
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
export async function fitLbfgs(
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
