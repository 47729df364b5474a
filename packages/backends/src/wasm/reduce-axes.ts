import { util } from '@tensorflow/tfjs-core';

/**
 * Below this many elements the shipped `Sum`/`Mean` (a transpose, then a reduction over the last
 * axis) costs little, and the pooled reductions leave it the work. @internal
 */
export const SMALL_REDUCTION = 1 << 16;

/** A reduction's `axis` attribute as sorted, non-negative axes of `shape`. @internal */
export function sortedAxes(axis: number | number[], shape: readonly number[]): number[] {
  return util.parseAxisParam(axis, [...shape]).sort((a, b) => a - b);
}
