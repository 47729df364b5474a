import type * as tf from '@tensorflow/tfjs-core';
import {
  assertFinite,
  assertPositive,
  assertRank,
  assertSameShape,
  InvalidArgumentError,
} from '@tessera/core';

/** `temperature` (or any scale) must be a finite number > 0. @internal */
export function assertTemperature(
  value: unknown,
  functionName: string,
  argument = 'temperature',
): asserts value is number {
  assertPositive(value, functionName, argument);
  assertFinite(value, functionName, argument);
}

/** A weight or margin: a finite number ≥ 0. @internal */
export function assertNonNegative(
  value: unknown,
  functionName: string,
  argument: string,
): asserts value is number {
  assertPositive(value, functionName, argument, { allowZero: true });
  assertFinite(value, functionName, argument);
}

/** Two embedding batches: rank 2 and the same shape. @internal */
export function assertPairOfEmbeddings(
  a: tf.Tensor,
  b: tf.Tensor,
  functionName: string,
  nameA: string,
  nameB: string,
): void {
  assertRank(a, 2, functionName, nameA);
  assertRank(b, 2, functionName, nameB);
  assertSameShape(a, b, functionName, nameA, nameB);
}

/** At least `min` rows in `x` (a batch statistic or a negative needs them). @internal */
export function assertMinRows(
  x: tf.Tensor,
  min: number,
  functionName: string,
  argument: string,
  why: string,
): void {
  const rows = x.shape[0] ?? 0;
  if (rows < min) {
    throw new InvalidArgumentError({
      functionName,
      argument,
      detail: `${argument} must have at least ${min} rows (${why}), got ${rows}.`,
    });
  }
}
