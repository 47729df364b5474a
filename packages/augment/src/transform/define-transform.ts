import * as tf from '@tensorflow/tfjs-core';
import { assertImages, assertUnitRange } from '../internal/validate';
import { resolveRng } from './resolve-rng';
import type {
  FlatBoxes,
  ImageShape,
  MapBoxesOptions,
  Transform,
  TransformOptions,
  TransformRun,
} from './types';
import type { Rng } from '@tessera/core';

/** What a transform is made of. @internal */
export interface TransformSpec<P> {
  name: string;
  sample(shape: ImageShape, rng: Rng): P;
  /** Runs inside `tf.tidy`. */
  apply(images: tf.Tensor4D, params: P): tf.Tensor4D;
  outputShape?(shape: ImageShape): ImageShape;
  mapBoxes?(
    boxes: readonly FlatBoxes[],
    params: P,
    shape: ImageShape,
    options?: MapBoxesOptions,
  ): FlatBoxes[];
  /** Channels the op accepts; default any. */
  channels?: readonly number[];
  /** Whether the input must lie in [0, 1] (checked once per call, one read of min and max). */
  unitRange?: boolean;
}

/** The shape of a batch tensor. @internal */
export function shapeOf(images: tf.Tensor4D): ImageShape {
  const [batch, height, width, channels] = images.shape;
  return { batch, height, width, channels };
}

/** Builds a callable {@link Transform} from its parts; validation and `tf.tidy` are added here. @internal */
export function defineTransform<P>(spec: TransformSpec<P>): Transform<P> {
  const check = (images: tf.Tensor4D) => {
    assertImages(images, spec.name, { channels: spec.channels });
    if (spec.unitRange) assertUnitRange(images, spec.name);
  };
  const apply = (images: tf.Tensor4D, params: P): tf.Tensor4D => {
    assertImages(images, spec.name, { channels: spec.channels });
    return tf.tidy(() => spec.apply(images, params));
  };
  const run = (images: tf.Tensor4D, options: TransformOptions = {}): TransformRun<P> => {
    check(images);
    const params = spec.sample(shapeOf(images), resolveRng(options.seed));
    return { images: tf.tidy(() => spec.apply(images, params)), params };
  };
  const call = (images: tf.Tensor4D, options?: TransformOptions) => run(images, options).images;
  return Object.assign(call, {
    transformName: spec.name,
    requiresUnitRange: spec.unitRange ?? false,
    sample: spec.sample,
    apply,
    run,
    outputShape: spec.outputShape ?? ((shape: ImageShape) => shape),
    mapBoxes:
      spec.mapBoxes ?? ((boxes: readonly FlatBoxes[]) => boxes.map((b) => Float64Array.from(b))),
  }) as Transform<P>;
}
