import { describeValue } from '../internal/describe-value';
import { fail } from '../internal/fail';

/**
 * Checks that `value` is one of `allowed` (compared with `===`), and lists them all when it is not.
 * Unknown enum values never fall through silently (CONVENTIONS.md #10).
 *
 * @throws {@link InvalidArgumentError} `fn: reduction must be one of 'none', 'mean', 'sum', got 'avg'.`
 * @example
 * ```ts
 * assertOneOf(options.reduction, REDUCTIONS, 'ntXentLoss', 'reduction');
 * ```
 * @category Assertions
 */
export function assertOneOf<const T extends string | number | boolean>(
  value: unknown,
  allowed: readonly T[],
  functionName: string,
  argument: string,
): asserts value is T {
  if (!allowed.includes(value as T)) {
    const list = allowed.map((a) => describeValue(a)).join(', ');
    fail(
      functionName,
      argument,
      `${argument} must be one of ${list}, got ${describeValue(value)}.`,
    );
  }
}
