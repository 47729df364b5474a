import { assertInteger, assertPositive } from '@tessera/core';
import { parseDuration } from './duration';
import { fail, FN } from './fail';
import type { PretrainOptions, PretrainResult } from './types';

/** How long a run trains. @internal */
export interface Limits {
  /** Seconds of training time (Infinity: no budget). */
  readonly budgetSeconds: number;
  /** Steps to take (Infinity: no cap). */
  readonly maxSteps: number;
  /** Which option set `maxSteps`. */
  readonly maxStepsFrom: 'epochs' | 'max-steps';
}

/**
 * Reads how long a run trains: `epochs` and `maxSteps` become one step cap (the smaller), and
 * `budgetSeconds` a time cap; at least one is needed. @internal
 */
export function readLimits(options: PretrainOptions, stepsPerEpoch: number): Limits {
  const { epochs, maxSteps } = options;
  if (epochs === undefined && maxSteps === undefined && options.budgetSeconds === undefined)
    fail('epochs', 'give epochs, maxSteps or budgetSeconds (how long to train).');
  if (epochs !== undefined) assertPositive(epochs, FN, 'epochs');
  if (maxSteps !== undefined) assertInteger(maxSteps, FN, 'maxSteps', { min: 1 });
  const budgetSeconds =
    options.budgetSeconds === undefined
      ? Infinity
      : parseDuration(options.budgetSeconds, FN, 'budgetSeconds');
  const fromEpochs = epochs === undefined ? Infinity : Math.round(epochs * stepsPerEpoch);
  const cap = Math.min(fromEpochs, maxSteps ?? Infinity);
  return {
    budgetSeconds,
    maxSteps: cap,
    maxStepsFrom: cap === fromEpochs ? 'epochs' : 'max-steps',
  };
}

/** Why the run stops before taking step `step + 1`, or `undefined` to go on. @internal */
export function stopReason(
  limits: Limits,
  step: number,
  trainSeconds: number,
  signal: AbortSignal | undefined,
): PretrainResult['stopped'] | undefined {
  if (step >= limits.maxSteps) return limits.maxStepsFrom;
  if (trainSeconds >= limits.budgetSeconds) return 'budget';
  if (signal?.aborted) return 'aborted';
  return undefined;
}
