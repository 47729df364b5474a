import { describeValue, formatShape } from '../internal/describe-value';
import { fail } from '../internal/fail';
import type { HasShape } from '../types';
import { hasShape } from './assert-rank';

/**
 * Checks that `x` has the expected shape. `null` in `shape` accepts any size on that axis.
 *
 * @param x - A tensor (anything with a `shape`).
 * @param shape - The expected shape, e.g. `[null, 4]` for `[numBoxes, 4]`.
 * @throws {@link InvalidArgumentError} `fn: boxes must have shape [*,4], got [3,5].`
 * @example
 * ```ts
 * assertShape(boxes, [null, 4], 'nms', 'boxes');
 * ```
 * @category Assertions
 */
export function assertShape(
  x: HasShape,
  shape: readonly (number | null)[],
  functionName: string,
  argument: string,
): void {
  const expected = formatShape(shape);
  if (!hasShape(x)) {
    fail(
      functionName,
      argument,
      `${argument} must be a tensor of shape ${expected}, got ${describeValue(x)}.`,
    );
  }
  const ok =
    x.shape.length === shape.length && shape.every((d, i) => d === null || d === x.shape[i]);
  if (!ok) {
    fail(
      functionName,
      argument,
      `${argument} must have shape ${expected}, got ${formatShape(x.shape)}.`,
    );
  }
}
