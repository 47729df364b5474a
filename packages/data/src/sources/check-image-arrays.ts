import { InvalidArgumentError } from '@tessera/core';

/**
 * Checks `{ images, shape }` arrays — a `Float32Array` of `N·H·W·C` values and a shape of four
 * positive integers — and returns the shape; the error names `functionName`. @internal
 */
export function checkImageArrays(
  data: { readonly images: Float32Array; readonly shape: readonly number[] },
  functionName: string,
): [number, number, number, number] {
  const { images, shape } = data ?? {};
  if (
    !(images instanceof Float32Array) ||
    !Array.isArray(shape) ||
    shape.length !== 4 ||
    !shape.every((v) => Number.isInteger(v) && v > 0) ||
    images.length !== shape.reduce((a, b) => a * b, 1)
  )
    throw new InvalidArgumentError({
      functionName,
      argument: 'data',
      detail: `data must be { images: Float32Array, shape: [N, H, W, C] } with N·H·W·C values, got shape ${Array.isArray(shape) ? `[${shape.join(', ')}]` : JSON.stringify(shape)} and ${images?.length} values.`,
    });
  return shape as [number, number, number, number];
}
