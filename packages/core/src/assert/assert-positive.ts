import { describeValue } from '../internal/describe-value';
import { fail } from '../internal/fail';

/** Options of {@link assertPositive}. */
export interface AssertPositiveOptions {
  /** Accept `0` too (then the check reads `>= 0`). Default `false`. */
  allowZero?: boolean;
}

/**
 * Checks that `value` is a number greater than zero (or `>= 0` with `allowZero`).
 * NaN and non-numbers fail; `Infinity` passes (combine with {@link assertFinite} to reject it).
 *
 * @throws {@link InvalidArgumentError} `fn: temperature must be > 0, got -1.`
 * @example
 * ```ts
 * assertPositive(options.temperature, 'ntXentLoss', 'temperature');
 * ```
 * @category Assertions
 */
export function assertPositive(
  value: unknown,
  functionName: string,
  argument: string,
  { allowZero = false }: AssertPositiveOptions = {},
): asserts value is number {
  const ok = typeof value === 'number' && (allowZero ? value >= 0 : value > 0);
  if (!ok) {
    const op = allowZero ? '>= 0' : '> 0';
    const what = typeof value === 'number' ? op : `a number ${op}`;
    fail(functionName, argument, `${argument} must be ${what}, got ${describeValue(value)}.`);
  }
}
