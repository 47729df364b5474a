import { InvalidArgumentError } from '@tessera/core';

/** Throws naming `functionName` unless every index is an integer in `[0, size)`. @internal */
export function checkIndices(indices: ArrayLike<number>, size: number, functionName: string): void {
  for (let i = 0; i < indices.length; i++) {
    const k = indices[i] as number;
    if (!(Number.isInteger(k) && k >= 0 && k < size))
      throw new InvalidArgumentError({
        functionName,
        argument: 'indices',
        detail: `indices must be integers in [0, ${size}), got ${k} at position ${i}.`,
      });
  }
}
