import { throwInvalidArgument as fail } from '@tessera/core';

export { fail };

/** Checks an integer ≥ `min`. @internal */
export function assertCount(
  value: unknown,
  functionName: string,
  argument: string,
  min = 1,
): asserts value is number {
  if (!Number.isInteger(value) || (value as number) < min) {
    fail(
      functionName,
      argument,
      `${argument} must be an integer >= ${min}, got ${JSON.stringify(value)}.`,
    );
  }
}

/** Checks a momentum in [0, 1]. @internal */
export function assertMomentum(value: unknown, functionName: string): asserts value is number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
    fail(functionName, 'momentum', `momentum must be in [0, 1], got ${JSON.stringify(value)}.`);
  }
}
