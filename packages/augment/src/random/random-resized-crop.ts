import type { Rng } from '@tessera/core';
import { readCropBoxes, type CropBox } from '../ops/crop-box';
import { cornerCrops, resampleCrops } from '../ops/resized-crop';
import { randint, roundHalfEven } from '../internal/sampling';
import { readRange, readSize } from '../internal/validate';
import { defineTransform } from '../transform/define-transform';
import type { Transform } from '../transform/types';
import { cropBoxes } from './box-math';

/** Options of {@link randomResizedCrop}. */
export interface RandomResizedCropOptions {
  /** Output `[height, width]` (or one number for a square). */
  size: number | readonly [number, number];
  /** Range of the crop's area as a fraction of the image. Default `[0.08, 1]`. */
  scale?: readonly [number, number];
  /** Range of the crop's aspect ratio w/h (sampled log-uniformly). Default `[3/4, 4/3]`. */
  ratio?: readonly [number, number];
  /** See `resizedCrop`. Default `false`. */
  antialias?: boolean;
  /**
   * torchvision's exact `resized_crop` sampling (see `resizedCrop`). Default `false`: the
   * `tf.image.cropAndResize` kernel, corner-aligned, several times faster on wasm.
   */
  exact?: boolean;
}

/** Parameters of {@link randomResizedCrop}: one crop per image. */
export interface RandomResizedCropParams {
  readonly boxes: CropBox[];
}

/**
 * torchvision's `RandomResizedCrop.get_params` for one image: up to 10 tries of a random area and
 * log-uniform aspect ratio, then a centre crop clamped to the ratio range.
 * @internal
 */
export function sampleResizedCropBox(
  height: number,
  width: number,
  scale: readonly [number, number],
  ratio: readonly [number, number],
  rng: Rng,
): CropBox {
  const area = height * width;
  const logRatio = [Math.log(ratio[0]), Math.log(ratio[1])] as const;
  for (let attempt = 0; attempt < 10; attempt++) {
    const targetArea = area * rng.uniform(scale[0], scale[1]);
    const aspect = Math.exp(rng.uniform(logRatio[0], logRatio[1]));
    const w = roundHalfEven(Math.sqrt(targetArea * aspect));
    const h = roundHalfEven(Math.sqrt(targetArea / aspect));
    if (w > 0 && w <= width && h > 0 && h <= height) {
      return [randint(rng, 0, height - h + 1), randint(rng, 0, width - w + 1), h, w];
    }
  }
  const inRatio = width / height;
  let w = width;
  let h = height;
  if (inRatio < ratio[0]) h = roundHalfEven(w / ratio[0]);
  else if (inRatio > ratio[1]) w = roundHalfEven(h * ratio[1]);
  return [Math.floor((height - h) / 2), Math.floor((width - w) / 2), h, w];
}

/**
 * Crops a random part of each image — its own area fraction in `scale` and aspect ratio in `ratio` —
 * and resizes it to `size` (SimCLR's main augmentation). The sampling is torchvision's
 * `RandomResizedCrop` (10 tries, then a centre crop); the resampling `tf.image.cropAndResize`, or
 * torchvision's `resized_crop` with `exact: true`.
 *
 * @example
 * ```ts
 * const crop = randomResizedCrop({ size: 28, scale: [0.2, 1] });
 * const out = crop(images, { seed: 1 }); // [N, 28, 28, C]
 * ```
 * @category Geometric
 */
export function randomResizedCrop(
  options: RandomResizedCropOptions,
): Transform<RandomResizedCropParams> {
  const name = 'randomResizedCrop';
  const [oh, ow] = readSize(options?.size, name);
  const scale = readRange(options.scale ?? [0.08, 1], name, 'scale', { min: 0 });
  const ratio = readRange(options.ratio ?? [3 / 4, 4 / 3], name, 'ratio', {
    min: Number.MIN_VALUE,
  });
  const antialias = options.antialias ?? false;
  const exact = antialias || (options.exact ?? false);
  return defineTransform({
    name,
    sample: ({ batch, height, width }, rng) => ({
      boxes: Array.from({ length: batch }, () =>
        sampleResizedCropBox(height, width, scale, ratio, rng),
      ),
    }),
    apply: (images, { boxes }) => {
      const [n, h, w] = images.shape;
      readCropBoxes(boxes, n, h, w, name, 'params.boxes');
      return exact
        ? resampleCrops(images, boxes, oh, ow, antialias)
        : cornerCrops(images, boxes, oh, ow);
    },
    outputShape: (shape) => ({ ...shape, height: oh, width: ow }),
    mapBoxes: (boxes, { boxes: crops }) =>
      boxes.map((b, i) => cropBoxes(b, crops[i]!, oh, ow, !exact)),
  });
}
