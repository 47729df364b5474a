import * as tf from '@tensorflow/tfjs-core';

/**
 * Runs `steps` Adam steps of `optimizer.minimize` on variables initialised from `initial` and
 * asserts that the loss fell and that `tf.memory().numTensors` stayed flat after the first step
 * (Adam makes its slots then). Proves a loss is usable for training, and leak-free there.
 */
export function expectTrainsWithoutLeak(
  loss: (variables: tf.Variable[]) => tf.Scalar,
  initial: readonly tf.Tensor[],
  { steps = 8, learningRate = 0.05 }: { steps?: number; learningRate?: number } = {},
): void {
  const vars = initial.map((t) => tf.variable(t.clone()));
  const optimizer = tf.train.adam(learningRate);
  const losses: number[] = [];
  const counts: number[] = [];
  try {
    for (let i = 0; i < steps; i++) {
      const l = optimizer.minimize(() => loss(vars), true, vars);
      losses.push((l as tf.Scalar).dataSync()[0] as number);
      l?.dispose();
      counts.push(tf.memory().numTensors);
    }
  } finally {
    optimizer.dispose();
    tf.dispose(vars);
  }
  if (!losses.every(Number.isFinite))
    throw new Error(`expectTrainsWithoutLeak: non-finite loss ${losses.join(', ')}.`);
  if (!((losses.at(-1) as number) < (losses[0] as number))) {
    throw new Error(
      `expectTrainsWithoutLeak: the loss did not fall over ${steps} steps: ${losses.map((l) => l.toPrecision(5)).join(' → ')}.`,
    );
  }
  if (new Set(counts.slice(1)).size !== 1) {
    throw new Error(
      `expectTrainsWithoutLeak: numTensors moved during training: ${counts.join(', ')}.`,
    );
  }
}
