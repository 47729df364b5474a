import type { TensorLikeAny } from '../types';
import { type ConvertOptions, readValuesAsync, readValuesSync } from './read-values';

/**
 * Flattens any numeric input to a `Float64Array` (row-major), for CPU post-processing that must
 * not lose precision (AP, COCO evaluation). Plain arrays keep their exact doubles; tensors are
 * float32 at most, so their values are widened exactly.
 *
 * Returns `x` itself when it already is a `Float64Array`.
 *
 * @throws {@link InvalidArgumentError} for ragged nested arrays or non-numbers.
 * @example
 * ```ts
 * toFloat64Array([0.1, 0.2]); // Float64Array [0.1, 0.2], the same doubles
 * ```
 * @category Conversions
 */
export function toFloat64Array(
  x: TensorLikeAny,
  { functionName = 'toFloat64Array', argument = 'x' }: ConvertOptions = {},
): Float64Array {
  if (x instanceof Float64Array) return x;
  return toFloat64(readValuesSync(x, functionName, argument));
}

/**
 * {@link toFloat64Array}, reading tensors with `await tensor.data()`.
 * @category Conversions
 */
export async function toFloat64ArrayAsync(
  x: TensorLikeAny,
  { functionName = 'toFloat64ArrayAsync', argument = 'x' }: ConvertOptions = {},
): Promise<Float64Array> {
  if (x instanceof Float64Array) return x;
  return toFloat64(await readValuesAsync(x, functionName, argument));
}

function toFloat64(values: ArrayLike<number>): Float64Array {
  // flattenNested already returns a fresh Float64Array; keep it rather than copy it again.
  return values instanceof Float64Array ? values : Float64Array.from(values);
}
