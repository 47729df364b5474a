import * as tf from '@tensorflow/tfjs-core';
import { readCropBoxes, type CropBox } from '../ops/crop-box';
import { resizeImages, sliceCrops } from '../ops/resized-crop';
import { randint } from '../internal/sampling';
import { fail, readSize } from '../internal/validate';
import { defineTransform } from '../transform/define-transform';
import type { ImageShape, Transform } from '../transform/types';
import { cropBoxes } from './box-math';

/** Parameters of {@link randomCrop} and {@link centerCrop}: one crop per (padded) image. */
export interface CropParams {
  readonly boxes: CropBox[];
}

/** Options of {@link randomCrop}. */
export interface RandomCropOptions {
  /** Output `[height, width]` (or one number). */
  size: number | readonly [number, number];
  /** Pixels added on every side before cropping (torchvision's `padding`). Default `0`. */
  padding?: number;
  /** Pad further when the image is smaller than `size` (torchvision's `pad_if_needed`). Default `false`. */
  padIfNeeded?: boolean;
  /** `'constant'` (with `fill`) or `'reflect'`. Default `'constant'`. */
  paddingMode?: 'constant' | 'reflect';
  /** Value of constant padding. Default `0`. */
  fill?: number;
}

/**
 * Cuts a random `size` window out of each image (its own position per image), after optional
 * padding — torchvision's `RandomCrop`. A window larger than the (padded) image is an error.
 *
 * @example
 * ```ts
 * const t = randomCrop({ size: 32, padding: 4, paddingMode: 'reflect' }); // the CIFAR recipe
 * ```
 * @category Geometric
 */
export function randomCrop(options: RandomCropOptions): Transform<CropParams> {
  const name = 'randomCrop';
  const [oh, ow] = readSize(options?.size, name);
  const padding = options.padding ?? 0;
  if (!Number.isInteger(padding) || padding < 0) {
    fail(name, 'padding', `padding must be an integer >= 0, got ${padding}.`);
  }
  const mode = options.paddingMode ?? 'constant';
  if (mode !== 'constant' && mode !== 'reflect') {
    fail(
      name,
      'paddingMode',
      `paddingMode must be 'constant' or 'reflect', got ${JSON.stringify(mode)}.`,
    );
  }
  const fill = options.fill ?? 0;
  /** Padding [top, left, bottom, right] for an input of this shape. */
  const padsFor = ({ height, width }: ImageShape): [number, number, number, number] => {
    const extraH = options.padIfNeeded ? Math.max(0, oh - (height + 2 * padding)) : 0;
    const extraW = options.padIfNeeded ? Math.max(0, ow - (width + 2 * padding)) : 0;
    return [padding + extraH, padding + extraW, padding + extraH, padding + extraW];
  };
  const padded = (shape: ImageShape) => {
    const [t, l, b, r] = padsFor(shape);
    const h = shape.height + t + b;
    const w = shape.width + l + r;
    if (oh > h || ow > w) {
      fail(
        name,
        'size',
        `size ${oh}×${ow} is larger than the ${padding ? 'padded ' : ''}${h}×${w} image; pass padding or padIfNeeded: true.`,
      );
    }
    return { h, w };
  };
  return defineTransform({
    name,
    sample: (shape, rng) => {
      const { h, w } = padded(shape);
      return {
        boxes: Array.from(
          { length: shape.batch },
          () => [randint(rng, 0, h - oh + 1), randint(rng, 0, w - ow + 1), oh, ow] as const,
        ),
      };
    },
    apply: (images, { boxes }) => {
      const [n, h0, w0, c] = images.shape;
      const [t, l, b, r] = padsFor({ batch: n, height: h0, width: w0, channels: c });
      const { h, w } = padded({ batch: n, height: h0, width: w0, channels: c });
      readCropBoxes(boxes, n, h, w, name, 'params.boxes');
      const pads: [number, number][] = [
        [0, 0],
        [t, b],
        [l, r],
        [0, 0],
      ];
      const x =
        t + l + b + r === 0
          ? images
          : mode === 'reflect'
            ? tf.mirrorPad(images, pads, 'reflect')
            : tf.pad(images, pads, fill);
      return sliceCrops(x, boxes);
    },
    outputShape: (shape) => ({ ...shape, height: oh, width: ow }),
    mapBoxes: (boxes, { boxes: crops }, shape) => {
      const [t, l] = padsFor(shape);
      return boxes.map((bx, i) => {
        const [top, left] = crops[i]!;
        return cropBoxes(bx, [top - t, left - l, oh, ow], oh, ow);
      });
    },
  });
}

/**
 * Cuts the central `size` window out of every image — torchvision's `CenterCrop` (top-left offset
 * `round((H − h) / 2)`). A window larger than the image is an error.
 * @category Geometric
 */
export function centerCrop(options: {
  size: number | readonly [number, number];
}): Transform<CropParams> {
  const name = 'centerCrop';
  const [oh, ow] = readSize(options?.size, name);
  const boxFor = ({ height, width }: ImageShape): CropBox => {
    if (oh > height || ow > width) {
      fail(name, 'size', `size ${oh}×${ow} is larger than the ${height}×${width} image.`);
    }
    return [Math.round((height - oh) / 2), Math.round((width - ow) / 2), oh, ow];
  };
  return defineTransform({
    name,
    sample: (shape) => ({ boxes: Array.from({ length: shape.batch }, () => boxFor(shape)) }),
    apply: (images, { boxes }) => {
      const [n, h, w] = images.shape;
      readCropBoxes(boxes, n, h, w, name, 'params.boxes');
      return sliceCrops(images, boxes);
    },
    outputShape: (shape) => ({ ...shape, height: oh, width: ow }),
    mapBoxes: (boxes, { boxes: crops }) => boxes.map((b, i) => cropBoxes(b, crops[i]!, oh, ow)),
  });
}

/**
 * Resizes every image to `size` (bilinear, half-pixel centres; `antialias` as torchvision).
 * Deterministic; its parameters are empty.
 * @category Geometric
 */
export function resize(options: {
  size: number | readonly [number, number];
  antialias?: boolean;
}): Transform<Record<string, never>> {
  const name = 'resize';
  const [oh, ow] = readSize(options?.size, name);
  const antialias = options.antialias ?? false;
  return defineTransform({
    name,
    sample: () => ({}),
    apply: (images) => {
      return resizeImages(images, [oh, ow], { antialias });
    },
    outputShape: (shape) => ({ ...shape, height: oh, width: ow }),
    mapBoxes: (boxes, _p, { height, width }) =>
      boxes.map((b) => cropBoxes(b, [0, 0, height, width], oh, ow)),
  });
}
