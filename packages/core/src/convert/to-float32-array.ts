import { isTensor } from '../internal/is-tensor';
import type { TensorLikeAny } from '../types';
import { type ConvertOptions, readValuesAsync, readValuesSync } from './read-values';

/**
 * Flattens any numeric input to a `Float32Array` (row-major): a tensor (read with `dataSync`),
 * a typed array, a plain array, or a rectangular nested array.
 *
 * Returns `x` itself when it already is a `Float32Array`; a tensor's values are always copied,
 * so the result never aliases backend memory. Use {@link toFloat32ArrayAsync} in library code
 * that may run on GPU backends.
 *
 * @throws {@link InvalidArgumentError} for ragged nested arrays or non-numbers.
 * @example
 * ```ts
 * toFloat32Array([[1, 2], [3, 4]]); // Float32Array [1, 2, 3, 4]
 * ```
 * @category Conversions
 */
export function toFloat32Array(
  x: TensorLikeAny,
  { functionName = 'toFloat32Array', argument = 'x' }: ConvertOptions = {},
): Float32Array {
  if (x instanceof Float32Array) return x;
  return copyToFloat32(readValuesSync(x, functionName, argument), isTensor(x));
}

/**
 * {@link toFloat32Array}, reading tensors with `await tensor.data()` (does not block a GPU backend).
 * @category Conversions
 */
export async function toFloat32ArrayAsync(
  x: TensorLikeAny,
  { functionName = 'toFloat32ArrayAsync', argument = 'x' }: ConvertOptions = {},
): Promise<Float32Array> {
  if (x instanceof Float32Array) return x;
  return copyToFloat32(await readValuesAsync(x, functionName, argument), isTensor(x));
}

function copyToFloat32(values: ArrayLike<number>, fromTensor: boolean): Float32Array {
  if (values instanceof Float32Array) return fromTensor ? values.slice() : values;
  return Float32Array.from(values);
}
