import { describeValue, formatShape } from './describe-value';
import { fail } from './fail';

/**
 * Flattens a rectangular nested array (rows may be typed arrays) into float64 values, row-major,
 * with its shape. One pass to find the shape from the first elements, one pass to fill and check.
 * @internal
 */
export function flattenNested(
  x: unknown,
  functionName: string,
  argument: string,
): { values: Float64Array; shape: number[] } {
  const shape = inferShape(x, functionName, argument);
  const size = shape.reduce((a, b) => a * b, 1);
  const values = new Float64Array(size);
  let offset = 0;
  // Indices of the current position, reused: the path is only materialised for an error message.
  const at: number[] = [];
  const where = (depth: number) => formatShape(at.slice(0, depth));
  const fill = (node: unknown, depth: number): void => {
    if (depth === shape.length) {
      if (typeof node !== 'number') {
        fail(
          functionName,
          argument,
          `${argument} must contain only numbers, got ${describeValue(node)} at ${where(depth)}.`,
        );
      }
      values[offset++] = node;
      return;
    }
    const list = node as ArrayLike<unknown>;
    if (!isList(node) || list.length !== shape[depth]) {
      const got = isList(node) ? `length ${list.length}` : describeValue(node);
      fail(
        functionName,
        argument,
        `${argument} must be a rectangular nested array of shape ${formatShape(shape)}, got ${got} at ${where(depth)}.`,
      );
    }
    if (depth === shape.length - 1 && ArrayBuffer.isView(node)) {
      values.set(node as unknown as ArrayLike<number>, offset); // a typed-array row: numbers by construction
      offset += list.length;
      return;
    }
    for (let i = 0; i < list.length; i++) {
      at[depth] = i;
      fill(list[i], depth + 1);
    }
  };
  fill(x, 0);
  return { values, shape };
}

/**
 * The shape of a nested array, read from its first elements (`[[1, 2, 3], [4, 5, 6]]` → `[2, 3]`).
 * Does not check that the array is rectangular; {@link flattenNested} does.
 * @internal
 */
export function inferShape(x: unknown, functionName: string, argument: string): number[] {
  const shape: number[] = [];
  let node: unknown = x;
  while (isList(node)) {
    shape.push(node.length);
    if (node.length === 0) break;
    node = node[0];
  }
  if (shape.length === 0 && typeof node !== 'number') {
    fail(
      functionName,
      argument,
      `${argument} must be a tensor, a number or an array of numbers, got ${describeValue(x)}.`,
    );
  }
  return shape;
}

function isList(x: unknown): x is ArrayLike<unknown> {
  return Array.isArray(x) || (ArrayBuffer.isView(x) && !(x instanceof DataView));
}
