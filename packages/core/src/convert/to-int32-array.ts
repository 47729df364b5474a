import { describeValue } from '../internal/describe-value';
import { fail } from '../internal/fail';
import { isTensor } from '../internal/is-tensor';
import type { TensorLikeAny } from '../types';
import { type ConvertOptions, readValuesAsync, readValuesSync } from './read-values';

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/**
 * Flattens integer input (labels, indices, class ids) to an `Int32Array` (row-major).
 * Every value must be an integer in the int32 range: `2.5` or `NaN` is an error, never truncated.
 *
 * Returns `x` itself when it already is an `Int32Array`; tensors are always copied.
 *
 * @throws {@link InvalidArgumentError} `toInt32Array: labels must contain only int32 integers, got 2.5 at index 3.`
 * @example
 * ```ts
 * toInt32Array(tf.tensor1d([0, 1, 2])); // Int32Array [0, 1, 2]
 * toInt32Array([0, 1.5]);               // throws
 * ```
 * @category Conversions
 */
export function toInt32Array(
  x: TensorLikeAny,
  { functionName = 'toInt32Array', argument = 'x' }: ConvertOptions = {},
): Int32Array {
  if (x instanceof Int32Array) return x;
  return toInt32(readValuesSync(x, functionName, argument), isTensor(x), functionName, argument);
}

/**
 * {@link toInt32Array}, reading tensors with `await tensor.data()`.
 * @category Conversions
 */
export async function toInt32ArrayAsync(
  x: TensorLikeAny,
  { functionName = 'toInt32ArrayAsync', argument = 'x' }: ConvertOptions = {},
): Promise<Int32Array> {
  if (x instanceof Int32Array) return x;
  const values = await readValuesAsync(x, functionName, argument);
  return toInt32(values, isTensor(x), functionName, argument);
}

function toInt32(
  values: ArrayLike<number>,
  fromTensor: boolean,
  functionName: string,
  argument: string,
): Int32Array {
  if (values instanceof Int32Array) return fromTensor ? values.slice() : values;
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isInteger(v) || v < INT32_MIN || v > INT32_MAX) {
      fail(
        functionName,
        argument,
        `${argument} must contain only int32 integers, got ${describeValue(v)} at index ${i}.`,
      );
    }
    out[i] = v;
  }
  return out;
}
