import { describeValue, formatShape } from '../internal/describe-value';
import { fail } from '../internal/fail';
import type { HasShape } from '../types';
import { hasShape } from './assert-rank';

/**
 * Checks that two tensors have the same shape.
 *
 * @param a - First tensor.
 * @param b - Second tensor.
 * @param functionName - The public function doing the check.
 * @param argumentA - Name of `a`.
 * @param argumentB - Name of `b`.
 * @throws {@link InvalidArgumentError} `fn: z1 and z2 must have the same shape, got [8,128] and [8,64].`
 *   The error's `argument` is `argumentB`.
 * @example
 * ```ts
 * assertSameShape(z1, z2, 'ntXentLoss', 'z1', 'z2');
 * ```
 * @category Assertions
 */
export function assertSameShape(
  a: HasShape,
  b: HasShape,
  functionName: string,
  argumentA: string,
  argumentB: string,
): void {
  for (const [x, name] of [
    [a, argumentA],
    [b, argumentB],
  ] as const) {
    if (!hasShape(x))
      fail(functionName, name, `${name} must be a tensor, got ${describeValue(x)}.`);
  }
  const same = a.shape.length === b.shape.length && a.shape.every((d, i) => d === b.shape[i]);
  if (!same) {
    fail(
      functionName,
      argumentB,
      `${argumentA} and ${argumentB} must have the same shape, got ${formatShape(a.shape)} and ${formatShape(b.shape)}.`,
    );
  }
}
