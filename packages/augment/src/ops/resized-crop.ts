import type * as tf from '@tensorflow/tfjs-core';
import { resampleWeights } from '../internal/resample-weights';
import { separable } from '../internal/separable';
import { assertImages, readSize } from '../internal/validate';
import { readCropBoxes, type CropBox } from './crop-box';

/** Options of {@link resizedCrop} and {@link resizeImages}. */
export interface ResampleOptions {
  /**
   * Low-pass filter when shrinking (PyTorch's `antialias=True`: a triangle filter as wide as the
   * scale factor). Default `false`, torchvision 0.14's default for tensors.
   */
  antialias?: boolean;
}

/**
 * Crops each image to its own box and resizes the crop to `size` with bilinear interpolation —
 * torchvision's `resized_crop` per image (half-pixel centres, clamped at the crop's edge, so no
 * pixel outside the box leaks in). Differentiable with respect to `images`.
 *
 * @param images `[N, H, W, C]`.
 * @param boxes One `[top, left, height, width]` per image, whole pixels inside the image.
 * @param size Output `[height, width]` (or one number for a square).
 * @returns `[N, size[0], size[1], C]`.
 * @example
 * ```ts
 * const out = resizedCrop(images, [[0, 0, 20, 20], [4, 8, 24, 16]], [28, 28]); // N = 2
 * ```
 * @category Ops
 */
export function resizedCrop(
  images: tf.Tensor4D,
  boxes: readonly CropBox[],
  size: number | readonly [number, number],
  { antialias = false }: ResampleOptions = {},
): tf.Tensor4D {
  assertImages(images, 'resizedCrop');
  const [n, h, w] = images.shape;
  readCropBoxes(boxes, n, h, w, 'resizedCrop');
  const [oh, ow] = readSize(size, 'resizedCrop');
  return resampleCrops(images, boxes, oh, ow, antialias);
}

/**
 * Resizes every image to `size` with bilinear interpolation — `tf.image.resizeBilinear` with half-pixel
 * centres, which is also PyTorch's `interpolate(align_corners=False)`; `antialias` as torchvision.
 *
 * @category Ops
 */
export function resizeImages(
  images: tf.Tensor4D,
  size: number | readonly [number, number],
  { antialias = false }: ResampleOptions = {},
): tf.Tensor4D {
  assertImages(images, 'resizeImages');
  const [n, h, w] = images.shape;
  const [oh, ow] = readSize(size, 'resizeImages');
  const full: CropBox[] = Array.from({ length: n }, () => [0, 0, h, w] as const);
  return resampleCrops(images, full, oh, ow, antialias);
}

/**
 * Cuts each image's box out at its own size (`[top, left, height, width]`, all boxes the same
 * height and width). Exact: every output pixel is an input pixel.
 *
 * @category Ops
 */
export function cropImages(images: tf.Tensor4D, boxes: readonly CropBox[]): tf.Tensor4D {
  assertImages(images, 'cropImages');
  const [n, h, w] = images.shape;
  readCropBoxes(boxes, n, h, w, 'cropImages');
  const [, , bh, bw] = boxes[0]!;
  return resampleCrops(images, boxes, bh, bw, false);
}

/** @internal */
export function resampleCrops(
  images: tf.Tensor4D,
  boxes: readonly CropBox[],
  oh: number,
  ow: number,
  antialias: boolean,
  flips?: ArrayLike<boolean>,
): tf.Tensor4D {
  const [n, h, w] = images.shape;
  const wholeRows = boxes.every((b) => b[0] === 0 && b[2] === h) && oh === h;
  const wholeCols = boxes.every((b) => b[1] === 0 && b[3] === w) && ow === w && !flips?.length;
  const rows = wholeRows ? null : new Float32Array(n * oh * h);
  const cols = wholeCols ? null : new Float32Array(n * ow * w);
  boxes.forEach(([top, left, bh, bw], i) => {
    if (rows) resampleWeights(h, oh, top, bh, { antialias }, rows, i * oh * h);
    if (cols) resampleWeights(w, ow, left, bw, { antialias, flip: flips?.[i] ?? false }, cols, i * ow * w);
  });
  return separable(images, rows, cols, oh, ow);
}
