import { describeValue } from '../internal/describe-value';
import { fail } from '../internal/fail';

/** Options of {@link assertInteger}. */
export interface AssertIntegerOptions {
  /** Smallest allowed value (inclusive). */
  min?: number;
  /** Largest allowed value (inclusive). */
  max?: number;
}

/**
 * Checks that `value` is a safe integer, optionally within `[min, max]`.
 *
 * @throws {@link InvalidArgumentError} `fn: ways must be an integer >= 2, got 1.`
 * @example
 * ```ts
 * assertInteger(options.ways, 'episodeSampler', 'ways', { min: 2 });
 * ```
 * @category Assertions
 */
export function assertInteger(
  value: unknown,
  functionName: string,
  argument: string,
  { min, max }: AssertIntegerOptions = {},
): asserts value is number {
  const ok =
    Number.isSafeInteger(value) &&
    (min === undefined || (value as number) >= min) &&
    (max === undefined || (value as number) <= max);
  if (!ok) {
    fail(
      functionName,
      argument,
      `${argument} must be ${integerPhrase(min, max)}, got ${describeValue(value)}.`,
    );
  }
}

function integerPhrase(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return `an integer in [${min}, ${max}]`;
  if (min !== undefined) return `an integer >= ${min}`;
  if (max !== undefined) return `an integer <= ${max}`;
  return 'an integer';
}
