import * as tf from '@tensorflow/tfjs-core';
import { resampleWeights } from '../internal/resample-weights';
import { separable } from '../internal/separable';
import { selectImages } from '../internal/per-image';
import { assertImages, fail, readSize } from '../internal/validate';
import { readCropBoxes, type CropBox } from './crop-box';

/** Options of {@link resizedCrop} and {@link resizeImages}. */
export interface ResampleOptions {
  /**
   * Low-pass filter when shrinking (PyTorch's `antialias=True`: a triangle filter as wide as the
   * scale factor). Default `false`, torchvision 0.14's default for tensors.
   */
  antialias?: boolean;
  /**
   * `true`: torchvision's `resized_crop` sampling — half-pixel centres, clamped at the crop's edge,
   * computed as two matrix products per image. `false`: `tf.image.cropAndResize` — the first and
   * last output pixels sit on the crop's corner pixels' centres, one native kernel, several times
   * faster on wasm. Both read only pixels inside the crop; `antialias` implies `true`.
   * Default `true` for the ops, `false` for `randomResizedCrop`.
   */
  exact?: boolean;
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
  { antialias = false, exact = true }: ResampleOptions = {},
): tf.Tensor4D {
  assertImages(images, 'resizedCrop');
  const [n, h, w] = images.shape;
  readCropBoxes(boxes, n, h, w, 'resizedCrop');
  const [oh, ow] = readSize(size, 'resizedCrop');
  return exact || antialias
    ? resampleCrops(images, boxes, oh, ow, antialias)
    : cornerCrops(images, boxes, oh, ow);
}

/**
 * `tf.image.cropAndResize` of one box per image, box corners on the crop's corner pixel centres.
 * Where `shrink` is set, the far corner moves in by a quarter pixel: nearest-neighbour sampling still lands
 * on the same pixels, and tfjs-backend-wasm 4.22's copy shortcut for unscaled boxes — which reads
 * from the wrong place — is not taken.
 */
function cropAndResize(
  images: tf.Tensor4D,
  boxes: readonly CropBox[],
  oh: number,
  ow: number,
  method: 'bilinear' | 'nearest',
  shrink: readonly boolean[] | boolean,
): tf.Tensor4D {
  // One pixel of edge replication around the images: a GPU's float arithmetic can put the last
  // sample a hair past the border, where cropAndResize would return its extrapolation value (0).
  const [n, h0, w0] = images.shape;
  const h = h0 + 2;
  const w = w0 + 2;
  const flat = new Float32Array(n * 4);
  boxes.forEach(([top, left, bh, bw], i) => {
    const d = (typeof shrink === 'boolean' ? shrink : shrink[i]) ? 0.25 : 0;
    flat.set(
      [
        (top + 1) / (h - 1),
        (left + 1) / (w - 1),
        (top + 1 + Math.max(0, bh - 1 - (oh > 1 ? d : 0))) / (h - 1),
        (left + 1 + Math.max(0, bw - 1 - (ow > 1 ? d : 0))) / (w - 1),
      ],
      i * 4,
    );
  });
  return tf.tidy(() => {
    const padded = tf.mirrorPad(
      images,
      [
        [0, 0],
        [1, 1],
        [1, 1],
        [0, 0],
      ],
      'symmetric',
    );
    const index = tf.tensor1d(
      Int32Array.from({ length: n }, (_, i) => i),
      'int32',
    );
    return tf.image.cropAndResize(padded, tf.tensor2d(flat, [n, 4]), index, [oh, ow], method);
  });
}

/**
 * Each image's box cut out exactly (nearest-neighbour `cropAndResize` of unscaled boxes: every output
 * pixel is an input pixel), on every backend, in one kernel call. Boxes must share a size.
 * @internal
 */
export function sliceCrops(images: tf.Tensor4D, boxes: readonly CropBox[]): tf.Tensor4D {
  const [, bh, bw] = [0, boxes[0]![2], boxes[0]![3]];
  return cropAndResize(images, boxes, bh, bw, 'nearest', true);
}

/**
 * Corner-aligned bilinear crops through `tf.image.cropAndResize`. Boxes that are not scaled (their
 * size is the output's) are cut out exactly instead (see {@link sliceCrops}).
 * @internal
 */
export function cornerCrops(
  images: tf.Tensor4D,
  boxes: readonly CropBox[],
  oh: number,
  ow: number,
): tf.Tensor4D {
  const unscaled = boxes.map(([, , bh, bw]) => bh === oh && bw === ow);
  if (!unscaled.some(Boolean)) return cropAndResize(images, boxes, oh, ow, 'bilinear', false);
  if (unscaled.every(Boolean)) return cropAndResize(images, boxes, oh, ow, 'nearest', true);
  return tf.tidy(() =>
    selectImages(
      unscaled,
      cropAndResize(images, boxes, oh, ow, 'nearest', true),
      cropAndResize(images, boxes, oh, ow, 'bilinear', unscaled),
    ),
  );
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
  if (!antialias) return tf.image.resizeBilinear(images, [oh, ow], false, true);
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
  if (!boxes.every((b) => b[2] === bh && b[3] === bw)) {
    fail(
      'cropImages',
      'boxes',
      `boxes must all have the same height and width, got ${JSON.stringify(boxes)}.`,
    );
  }
  return sliceCrops(images, boxes);
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
    if (cols)
      resampleWeights(w, ow, left, bw, { antialias, flip: flips?.[i] ?? false }, cols, i * ow * w);
  });
  return separable(images, rows, cols, oh, ow);
}
