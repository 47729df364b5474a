import * as tf from '@tensorflow/tfjs-core';
import { trainSteps } from './train-steps';

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
  let run: { losses: number[]; counts: number[] };
  try {
    run = trainSteps(() => loss(vars), vars, steps, { learningRate });
  } finally {
    tf.dispose(vars);
  }
  const { losses, counts } = run;
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
