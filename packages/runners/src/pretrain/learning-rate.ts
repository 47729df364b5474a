import type * as tf from '@tensorflow/tfjs-core';
import type { Limits } from './limits';

/** How the learning rate moves over a run. @category Training */
export type LearningRateSchedule = 'constant' | 'cosine';

/**
 * The learning rate of step `step` (0-based): `base`, times a linear warm-up over the first
 * `warmupSteps` steps, times — for `'cosine'` — `½(1 + cos(π·t))`, where `t` is how far the run
 * is towards its first limit: `step / maxSteps`, or `trainSeconds / budgetSeconds` when a time
 * budget ends it sooner (SGDR's cosine without restarts, Loshchilov & Hutter 2017). @internal
 */
export function learningRateAt(
  base: number,
  schedule: LearningRateSchedule,
  warmupSteps: number,
  step: number,
  trainSeconds: number,
  limits: Limits,
): number {
  const warm = warmupSteps > 0 ? Math.min(1, (step + 1) / warmupSteps) : 1;
  if (schedule === 'constant') return base * warm;
  const t = Math.min(1, Math.max(step / limits.maxSteps, trainSeconds / limits.budgetSeconds));
  return base * warm * 0.5 * (1 + Math.cos(Math.PI * t));
}

/** Sets an optimizer's learning rate for its next update (SGD keeps it as a tensor, Adam as a number). @internal */
export function setLearningRate(optimizer: tf.Optimizer, rate: number): void {
  const o = optimizer as unknown as { setLearningRate?: (r: number) => void; learningRate: number };
  if (typeof o.setLearningRate === 'function') o.setLearningRate(rate);
  else o.learningRate = rate;
}
