import type * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@tessera/core';
import { selectImages } from '../internal/per-image';
import { sampleFlags } from '../internal/sampling';
import { assertProbability, fail } from '../internal/validate';
import { defineTransform } from './define-transform';
import type { ImageShape, Transform } from './types';

/** Parameters of a transform applied to a random subset with one value per image. */
export interface AppliedParams<V> {
  /** Whether each image is transformed. */
  readonly applied: boolean[];
  /** Each image's parameter (drawn for every image, used where `applied`). */
  readonly values: V[];
}

/** A transform that applies `op` to the images whose coin came up, each with its own value. @internal */
export function perImageTransform<V>(spec: {
  name: string;
  p: number;
  draw: (rng: Rng, shape: ImageShape) => V;
  /** Runs on the whole batch with one value per image. */
  op: (images: tf.Tensor4D, values: V[]) => tf.Tensor4D;
  channels?: readonly number[];
  unitRange?: boolean;
}): Transform<AppliedParams<V>> {
  assertProbability(spec.p, spec.name);
  return defineTransform({
    name: spec.name,
    channels: spec.channels,
    unitRange: spec.unitRange,
    sample: (shape, rng) => {
      const applied = sampleFlags(shape.batch, spec.p, rng);
      return { applied, values: applied.map(() => spec.draw(rng, shape)) };
    },
    apply: (images, { applied, values }) => {
      if (!Array.isArray(applied) || applied.length !== images.shape[0]) {
        fail(
          spec.name,
          'params.applied',
          `params.applied must have one flag per image (${images.shape[0]}).`,
        );
      }
      // the op runs on the whole batch (each image with its own value) and the unchosen images are
      // put back: cheaper than gathering a subset on wasm and cpu
      return selectImages(applied, () => spec.op(images, values), images);
    },
  });
}
