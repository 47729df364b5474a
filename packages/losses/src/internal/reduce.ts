import * as tf from '@tensorflow/tfjs-core';
import { assertOneOf, REDUCTIONS } from '@tessera/core';
import type { Reduction } from '@tessera/core';

/**
 * The one reduction every loss ends with (CONVENTIONS.md #6): `'none'` keeps per-element losses,
 * `'mean'` averages them, `'sum'` adds them.
 * @internal
 */
export function reduce(values: tf.Tensor, reduction: Reduction, functionName: string): tf.Tensor {
  assertOneOf(reduction, REDUCTIONS, functionName, 'reduction');
  if (reduction === 'none') return values;
  return reduction === 'mean' ? tf.mean(values) : tf.sum(values);
}
