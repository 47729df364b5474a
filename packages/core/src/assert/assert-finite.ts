import { describeValue } from '../internal/describe-value';
import { fail } from '../internal/fail';

/**
 * Checks that a number, or every number of an array, is finite (not NaN, not ±Infinity).
 * For a tensor, read its values first (`await t.data()`): this check never reads GPU memory itself.
 *
 * @param value - A number, a plain array of numbers or a typed array.
 * @throws {@link InvalidArgumentError} `fn: scores must contain only finite numbers, got NaN at index 3.`
 * @example
 * ```ts
 * assertFinite(learningRate, 'pretrain', 'learningRate');
 * assertFinite(await scores.data(), 'averagePrecision', 'scores');
 * ```
 * @category Assertions
 */
export function assertFinite(
  value: number | ArrayLike<number>,
  functionName: string,
  argument: string,
): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      fail(
        functionName,
        argument,
        `${argument} must be a finite number, got ${describeValue(value)}.`,
      );
    }
    return;
  }
  if (value === null || typeof value !== 'object' || typeof value.length !== 'number') {
    fail(
      functionName,
      argument,
      `${argument} must be a number or an array of numbers, got ${describeValue(value)}.`,
    );
  }
  for (let i = 0; i < value.length; i++) {
    const v = value[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      fail(
        functionName,
        argument,
        `${argument} must contain only finite numbers, got ${describeValue(v)} at index ${i}.`,
      );
    }
  }
}
