import type * as tfl from '@tensorflow/tfjs-layers';

/**
 * Whether `encoder` takes images of `shape` (`[H, W, C]`), and how to name what it takes: a null
 * dimension (an encoder that takes any height or width) matches any size and reads "any".
 * @internal
 */
export function takesImages(
  encoder: tfl.LayersModel,
  shape: readonly number[],
): { fits: boolean; takes: string } {
  const dims = encoder.inputs[0]!.shape.slice(1);
  return {
    fits: dims.length === shape.length && dims.every((d, i) => d === null || d === shape[i]),
    takes: dims.map((d) => d ?? 'any').join('×'),
  };
}
