import { describeValue } from '../internal/describe-value';
import { fail } from '../internal/fail';

/** Options of {@link assertInRange}. */
export interface AssertInRangeOptions {
  /** Whether `min` itself is allowed. Default `true`. */
  minInclusive?: boolean;
  /** Whether `max` itself is allowed. Default `true`. */
  maxInclusive?: boolean;
}

/**
 * Checks that `value` is a number in the interval from `min` to `max`, closed unless the options
 * open an end. The message writes the interval in mathematical notation: `[0, 1]`, `(0, 1]`.
 *
 * @throws {@link InvalidArgumentError} `fn: p must be in [0, 1], got 1.5.`
 * @example
 * ```ts
 * assertInRange(options.p, 0, 1, 'randomGrayscale', 'p');
 * assertInRange(iouThreshold, 0, 1, 'nms', 'iouThreshold', { minInclusive: true });
 * ```
 * @category Assertions
 */
export function assertInRange(
  value: unknown,
  min: number,
  max: number,
  functionName: string,
  argument: string,
  { minInclusive = true, maxInclusive = true }: AssertInRangeOptions = {},
): asserts value is number {
  const ok =
    typeof value === 'number' &&
    (minInclusive ? value >= min : value > min) &&
    (maxInclusive ? value <= max : value < max);
  if (!ok) {
    const interval = `${minInclusive ? '[' : '('}${min}, ${max}${maxInclusive ? ']' : ')'}`;
    const what = typeof value === 'number' ? `in ${interval}` : `a number in ${interval}`;
    fail(functionName, argument, `${argument} must be ${what}, got ${describeValue(value)}.`);
  }
}
