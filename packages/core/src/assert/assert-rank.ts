import { describeValue, formatShape } from '../internal/describe-value';
import { fail } from '../internal/fail';
import type { HasShape } from '../types';

/**
 * Checks that `x` has one of the allowed ranks.
 *
 * @param x - A tensor (anything with a `shape`).
 * @param rank - The allowed rank, or a list of allowed ranks.
 * @param functionName - The public function doing the check (starts the message).
 * @param argument - The argument's name.
 * @throws {@link InvalidArgumentError} `fn: x must be rank 2, got rank 3 (shape [2,3,4]).`
 * @example
 * ```ts
 * assertRank(tf.zeros([2, 3, 4]), 2, 'boxIou', 'boxes1');
 * // → InvalidArgumentError: boxIou: boxes1 must be rank 2, got rank 3 (shape [2,3,4]).
 * ```
 * @category Assertions
 */
export function assertRank(
  x: HasShape,
  rank: number | readonly number[],
  functionName: string,
  argument: string,
): void {
  const ranks = typeof rank === 'number' ? [rank] : rank;
  const expected = `rank ${ranks.join(' or ')}`;
  if (!hasShape(x)) {
    fail(
      functionName,
      argument,
      `${argument} must be a tensor of ${expected}, got ${describeValue(x)}.`,
    );
  }
  if (!ranks.includes(x.shape.length)) {
    fail(
      functionName,
      argument,
      `${argument} must be ${expected}, got rank ${x.shape.length} (shape ${formatShape(x.shape)}).`,
    );
  }
}

/** True when `x` has an array `shape` of non-negative integers. @internal */
export function hasShape(x: unknown): x is HasShape {
  const shape = (x as { shape?: unknown } | null | undefined)?.shape;
  return Array.isArray(shape) && shape.every((d) => Number.isInteger(d) && d >= 0);
}
