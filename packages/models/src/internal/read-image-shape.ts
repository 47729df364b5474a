import { fail } from './fail';

/**
 * Checks an image shape `[height, width, channels]` of positive integers that `downsamplings`
 * stride-2 layers halve exactly (0: any size). @internal
 */
export function readImageShape(
  inputShape: unknown,
  downsamplings: number,
  functionName: string,
  argument = 'inputShape',
): [number, number, number] {
  const ok =
    Array.isArray(inputShape) &&
    inputShape.length === 3 &&
    inputShape.every((v) => Number.isInteger(v) && v >= 1);
  if (!ok)
    fail(
      functionName,
      argument,
      `${argument} must be [height, width, channels] of positive integers, got ${JSON.stringify(inputShape)}.`,
    );
  const [h, w] = inputShape as number[];
  const f = 2 ** downsamplings;
  if (h! % f !== 0 || w! % f !== 0) {
    fail(
      functionName,
      argument,
      `${argument} height and width must be multiples of ${f} (${downsamplings} stride-2 layers), got ${h}×${w}.`,
    );
  }
  return inputShape as [number, number, number];
}
