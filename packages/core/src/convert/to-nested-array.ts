import { assertInteger } from '../assert/assert-integer';
import { formatShape } from '../internal/describe-value';
import { fail } from '../internal/fail';
import type { NestedArray } from '../types';

/**
 * Reshapes flat row-major values into a nested array of the given shape (the inverse of
 * {@link toFloat64Array} on a nested array). A shape of `[]` returns the single number.
 *
 * @param values - Flat values, length = product of `shape`.
 * @param shape - Target shape, non-negative integers.
 * @throws {@link InvalidArgumentError} when the length does not match the shape.
 * @example
 * ```ts
 * toNestedArray(new Float32Array([1, 2, 3, 4, 5, 6]), [2, 3]); // [[1, 2, 3], [4, 5, 6]]
 * ```
 * @category Conversions
 */
export function toNestedArray(values: ArrayLike<number>, shape: readonly number[]): NestedArray {
  shape.forEach((d, i) => assertInteger(d, 'toNestedArray', `shape[${i}]`, { min: 0 }));
  const size = shape.reduce((a, b) => a * b, 1);
  if (values.length !== size) {
    fail(
      'toNestedArray',
      'values',
      `values must have ${size} elements for shape ${formatShape(shape)}, got ${values.length}.`,
    );
  }
  if (shape.length === 0) return values[0] as number;
  const build = (offset: number, depth: number): NestedArray[] | number[] => {
    const n = shape[depth] as number;
    if (depth === shape.length - 1)
      return Array.from({ length: n }, (_, i) => values[offset + i] as number);
    const stride = shape.slice(depth + 1).reduce((a, b) => a * b, 1);
    return Array.from({ length: n }, (_, i) => build(offset + i * stride, depth + 1));
  };
  return build(0, 0);
}
