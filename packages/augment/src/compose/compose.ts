import * as tf from '@tensorflow/tfjs-core';
import { fail } from '../internal/validate';
import { defineTransform } from '../transform/define-transform';
import type { FlatBoxes, ImageShape, Transform } from '../transform/types';
import { clipBoxes } from '../boxes/clip-boxes';

/**
 * Chains transforms: each samples its parameters for the shape the previous one produces, and
 * they run in order on the whole batch. The parameters are the list of the children's.
 *
 * @example
 * ```ts
 * const t = compose([randomResizedCrop({ size: 28, scale: [0.2, 1] }), randomHorizontalFlip()]);
 * const out = t(images, { seed: 42 });
 * ```
 * @category Composition
 */
export function compose(transforms: readonly Transform[]): Transform<unknown[]> {
  const name = 'compose';
  if (
    !Array.isArray(transforms) ||
    !transforms.every((t) => typeof t === 'function' && 'sample' in t)
  ) {
    fail(name, 'transforms', 'transforms must be an array of Tessera transforms.');
  }
  const shapes = (shape: ImageShape) => {
    const out: ImageShape[] = [shape];
    for (const t of transforms) out.push(t.outputShape(out[out.length - 1]!));
    return out;
  };
  return defineTransform({
    name,
    unitRange: transforms.some((t) => t.requiresUnitRange),
    sample: (shape, rng) => {
      const s = shapes(shape);
      return transforms.map((t, k) => t.sample(s[k]!, rng));
    },
    apply: (images, params) => {
      if (!Array.isArray(params) || params.length !== transforms.length) {
        fail(name, 'params', `params must hold one entry per transform (${transforms.length}).`);
      }
      let x = images;
      transforms.forEach((t, k) => {
        const next = t.apply(x, params[k]);
        if (x !== images) tf.dispose(x);
        x = next;
      });
      return x === images ? tf.clone(images) : x;
    },
    outputShape: (shape) => shapes(shape)[transforms.length]!,
    mapBoxes: (boxes, params, shape, options) => {
      const s = shapes(shape);
      return transforms.reduce((b, t, k) => {
        const moved = t.mapBoxes(b, params[k], s[k]!, options);
        return options?.clipEachStep ? moved.map((m: FlatBoxes) => clipBoxes(m, s[k + 1]!)) : moved;
      }, boxes as FlatBoxes[]);
    },
  });
}
