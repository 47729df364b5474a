import { flipHorizontal, flipVertical } from '../ops/flip';
import { sampleFlags } from '../internal/sampling';
import { assertProbability, fail } from '../internal/validate';
import { defineTransform } from '../transform/define-transform';
import type { Transform } from '../transform/types';
import { flipBoxes } from './box-math';

/** Parameters of the random flips: one flag per image. */
export interface FlipParams {
  readonly flip: boolean[];
}

function randomFlip(name: string, p: number, axis: 0 | 1): Transform<FlipParams> {
  assertProbability(p, name);
  const op = axis === 0 ? flipHorizontal : flipVertical;
  return defineTransform({
    name,
    sample: ({ batch }, rng) => ({ flip: sampleFlags(batch, p, rng) }),
    apply: (images, { flip }) => {
      if (!Array.isArray(flip) || flip.length !== images.shape[0]) {
        fail(name, 'params.flip', `params.flip must have one flag per image (${images.shape[0]}).`);
      }
      return op(images, flip);
    },
    mapBoxes: (boxes, { flip }, { height, width }) =>
      boxes.map((b, i) =>
        flip[i] ? flipBoxes(b, axis === 0 ? width : height, axis) : Float64Array.from(b),
      ),
  });
}

/**
 * Mirrors each image left–right with probability `p` (its own coin per image).
 * @category Geometric
 */
export function randomHorizontalFlip({ p = 0.5 }: { p?: number } = {}): Transform<FlipParams> {
  return randomFlip('randomHorizontalFlip', p, 0);
}

/**
 * Mirrors each image top–bottom with probability `p`.
 * @category Geometric
 */
export function randomVerticalFlip({ p = 0.5 }: { p?: number } = {}): Transform<FlipParams> {
  return randomFlip('randomVerticalFlip', p, 1);
}
