import * as tf from '@tensorflow/tfjs-core';
import { assertImages, fail, perImage } from '../internal/validate';
import { inverseAffineMatrix, toProjective, type AffineParams } from './affine-matrix';

/** Options of {@link affineImages} and {@link rotateImages}. */
export interface WarpOptions {
  /** `'nearest'` (torchvision's default for `RandomRotation`/`RandomAffine`) or `'bilinear'`. */
  interpolation?: 'nearest' | 'bilinear';
  /** Value for pixels that come from outside the image. Default `0`. */
  fill?: number;
}

/** Output → input matrices of a batch, as `tf.image.transform` wants them. @internal */
export function warp(
  images: tf.Tensor4D,
  matrices: readonly (readonly number[])[],
  { interpolation = 'nearest', fill = 0 }: WarpOptions,
  functionName: string,
): tf.Tensor4D {
  if (interpolation !== 'nearest' && interpolation !== 'bilinear') {
    fail(
      functionName,
      'interpolation',
      `interpolation must be 'nearest' or 'bilinear', got ${JSON.stringify(interpolation)}.`,
    );
  }
  if (!Number.isFinite(fill)) fail(functionName, 'fill', `fill must be finite, got ${fill}.`);
  const [n, h, w] = images.shape;
  const flat = new Float32Array(n * 8);
  matrices.forEach((m, i) => flat.set(toProjective(m, h, w), i * 8));
  return tf.tidy(() => {
    const transforms = tf.tensor2d(flat, [n, 8]);
    if (n === 1 || tf.getBackend() !== 'cpu') {
      return tf.image.transform(images, transforms, interpolation, 'constant', fill);
    }
    // tfjs-backend-cpu 4.22's Transform returns after the first image (its `return` sits inside the
    // batch loop), leaving images 1… filled with `fill`: warp one image at a time there.
    const one = (i: number) =>
      tf.image.transform(
        tf.slice(images, i, 1),
        tf.slice(transforms, i, 1),
        interpolation,
        'constant',
        fill,
      );
    return tf.concat(Array.from({ length: n }, (_, i) => one(i)));
  });
}

/**
 * Applies one affine warp per image about its centre — torchvision's `affine` (rotation, translation,
 * scale, shear; pixels from outside are `fill`), through `tf.image.transform`.
 * With `interpolation: 'bilinear'` this equals torchvision with `fill=None`; `'nearest'` rounds half
 * away from zero where torch rounds half to even, which matters only for exact half-pixel positions.
 *
 * @param images `[N, H, W, C]`.
 * @param params One {@link AffineParams} per image.
 * @category Ops
 */
export function affineImages(
  images: tf.Tensor4D,
  params: readonly AffineParams[],
  options: WarpOptions = {},
): tf.Tensor4D {
  assertImages(images, 'affineImages');
  const n = images.shape[0];
  if (!Array.isArray(params) || params.length !== n) {
    fail(
      'affineImages',
      'params',
      `params must have one entry per image (${n}), got ${Array.isArray(params) ? params.length : typeof params}.`,
    );
  }
  params.forEach((p, i) => {
    const values = [p?.angle, p?.scale, ...(p?.translate ?? []), ...(p?.shear ?? [])];
    if (values.length !== 6 || !values.every(Number.isFinite) || !(p.scale > 0)) {
      fail(
        'affineImages',
        'params',
        `params[${i}] must be {angle, translate: [tx, ty], scale > 0, shear: [sx, sy]}, got ${JSON.stringify(p)}.`,
      );
    }
  });
  return warp(images, params.map(inverseAffineMatrix), options, 'affineImages');
}

/**
 * Rotates each image counter-clockwise by its angle in degrees about its centre, keeping the size
 * — torchvision's `rotate` (corners leave the frame, `fill` comes in).
 *
 * @param images `[N, H, W, C]`.
 * @param angle Degrees, one number or one per image.
 * @category Ops
 */
export function rotateImages(
  images: tf.Tensor4D,
  angle: number | ArrayLike<number>,
  options: WarpOptions = {},
): tf.Tensor4D {
  assertImages(images, 'rotateImages');
  const a = perImage(angle, images.shape[0], 'rotateImages', 'angle');
  const matrices = Array.from(a, (deg) =>
    inverseAffineMatrix({ angle: -deg, translate: [0, 0], scale: 1, shear: [0, 0] }),
  );
  return warp(images, matrices, options, 'rotateImages');
}
