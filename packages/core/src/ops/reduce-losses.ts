import { mean, scalar, sum } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { assertOneOf } from '../assert/assert-one-of';
import { REDUCTIONS, type Reduction } from '../types';

/**
 * The one reduction every Tessera loss ends with (CONVENTIONS.md #6): `'none'` keeps the
 * per-element losses, `'mean'` averages them, `'sum'` adds them. An empty batch reduces to 0 (as
 * torchvision's losses; wasm 4.22's `Sum` of an empty tensor returns uninitialised memory).
 *
 * @param values - Per-element losses, any shape.
 * @param reduction - `'none' | 'mean' | 'sum'`.
 * @param functionName - The calling loss, for the error message.
 * @throws {@link InvalidArgumentError} for an unknown reduction.
 * @category Ops
 */
export function reduceLosses(values: Tensor, reduction: Reduction, functionName: string): Tensor {
  assertOneOf(reduction, REDUCTIONS, functionName, 'reduction');
  if (reduction === 'none') return values;
  if (values.size === 0) return scalar(0);
  return reduction === 'sum' ? sum(values) : mean(values);
}
