import * as tf from '@tensorflow/tfjs-core';

/**
 * Runs `steps` Adam steps of `loss` over `vars` and returns the loss after each step and
 * `tf.memory().numTensors` after each step (the optimizer's slots appear at step 1), disposing the
 * optimizer at the end.
 */
export function trainSteps(
  loss: () => tf.Scalar,
  vars: tf.Variable[],
  steps: number,
  { learningRate = 0.01 }: { learningRate?: number } = {},
): { losses: number[]; counts: number[] } {
  const optimizer = tf.train.adam(learningRate);
  const losses: number[] = [];
  const counts: number[] = [];
  try {
    for (let i = 0; i < steps; i++) {
      const l = optimizer.minimize(loss, true, vars) as tf.Scalar;
      losses.push(l.dataSync()[0] as number);
      l.dispose();
      counts.push(tf.memory().numTensors);
    }
  } finally {
    optimizer.dispose();
  }
  return { losses, counts };
}
