import type * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@tessera/core';

/** The shape of an image batch, without its data: what parameters are sampled from. */
export interface ImageShape {
  readonly batch: number;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
}

/** Options of a transform call. */
export interface TransformOptions {
  /**
   * Seed or generator for the per-image parameters. The same seed gives the same output; without
   * one a fresh random seed is drawn (as torchvision does), and `run` tells you the parameters used.
   */
  seed?: number | Rng;
}

/** What {@link Transform.run} returns: the output batch and the parameters that made it. */
export interface TransformRun<P> {
  readonly images: tf.Tensor4D;
  readonly params: P;
}

/**
 * Boxes of one image: `[x1, y1, x2, y2]` in pixels (continuous coordinates: a pixel covers
 * `[x, x + 1)`), flattened row after row, four numbers per box.
 */
export type FlatBoxes = Float64Array<ArrayBufferLike>;

/**
 * A batched image transform. Call it to transform a batch with fresh per-image parameters; use
 * `sample` + `apply` (or `run`) to see, store and replay them.
 *
 * @example
 * ```ts
 * const t = randomHorizontalFlip();
 * const { images: out, params } = t.run(images, { seed: 7 });   // params.flip: one flag per image
 * const again = t.apply(images, params);                          // the same pixels
 * ```
 */
export interface Transform<P = unknown> {
  /** Transforms `images` `[N, H, W, C]` (float32, [0, 1]) with parameters drawn from `options.seed`. */
  (images: tf.Tensor4D, options?: TransformOptions): tf.Tensor4D;
  /** A short name for messages and reports, e.g. `'randomResizedCrop'`. */
  readonly transformName: string;
  /** Whether inputs must lie in [0, 1] (colour ops, solarize); checked once per call. */
  readonly requiresUnitRange: boolean;
  /** Draws parameters for a batch of this shape: plain JSON, one entry per image. */
  sample(shape: ImageShape, rng: Rng): P;
  /** Applies given parameters: deterministic, no randomness. */
  apply(images: tf.Tensor4D, params: P): tf.Tensor4D;
  /** Samples from `options.seed`, applies, and returns both. */
  run(images: tf.Tensor4D, options?: TransformOptions): TransformRun<P>;
  /** The shape of the output for an input of `shape`. */
  outputShape(shape: ImageShape): ImageShape;
  /**
   * Moves boxes with the pixels: `boxes[i]` (image i, {@link FlatBoxes}) → the same boxes in the
   * output image, not yet clipped (see `boxAware`). Photometric transforms return them unchanged.
   * With `clipEachStep`, composed transforms clip the boxes to each intermediate image, so that a
   * crop followed by a rotation rotates only what the crop kept.
   */
  mapBoxes(
    boxes: readonly FlatBoxes[],
    params: P,
    shape: ImageShape,
    options?: MapBoxesOptions,
  ): FlatBoxes[];
}

/** Options of {@link Transform.mapBoxes}. */
export interface MapBoxesOptions {
  /** Clip to every intermediate image of a composition. Default `false`. */
  readonly clipEachStep?: boolean;
}
