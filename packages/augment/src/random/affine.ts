import { affineImages, type WarpOptions } from '../ops/affine';
import { forwardPoint, inverseAffineMatrix, type AffineParams } from '../ops/affine-matrix';
import { fail, readRange } from '../internal/validate';
import { defineTransform } from '../transform/define-transform';
import type { Transform } from '../transform/types';
import { warpBoxes } from './box-math';
import { roundHalfEven } from '../internal/sampling';

/** Parameters of {@link randomAffine}: one warp per image (torchvision's `affine` arguments). */
export interface AffineTransformParams {
  readonly affine: AffineParams[];
}

/** Parameters of {@link randomRotation}: one angle per image, degrees counter-clockwise. */
export interface RotationParams {
  readonly angle: number[];
}

/** Options of {@link randomAffine}. */
export interface RandomAffineOptions extends WarpOptions {
  /** Rotation range in degrees: `d` means `[−d, d]`. */
  degrees: number | readonly [number, number];
  /** Maximum translation as fractions `[fx, fy]` of the width and height. */
  translate?: readonly [number, number];
  /** Scale range. */
  scale?: readonly [number, number];
  /** Shear range in degrees along x: `s` means `[−s, s]`, or `[min, max]`, or `[xmin, xmax, ymin, ymax]`. */
  shear?: number | readonly number[];
}

function readDegrees(value: unknown, name: string, argument: string): [number, number] {
  if (typeof value === 'number') {
    if (!(value >= 0))
      fail(name, argument, `${argument} must be >= 0 when a single number, got ${value}.`);
    return [-value, value];
  }
  return readRange(value, name, argument);
}

/** A transform that warps each image by an affine map built from its parameters. */
function warpTransform<P>(
  name: string,
  options: WarpOptions,
  sample: Transform<P>['sample'],
  toAffine: (params: P) => AffineParams[],
): Transform<P> {
  const warpOptions: WarpOptions = {
    interpolation: options.interpolation ?? 'nearest',
    fill: options.fill ?? 0,
  };
  return defineTransform({
    name,
    sample,
    apply: (images, params) => affineImages(images, toAffine(params), warpOptions),
    mapBoxes: (boxes, params, { height, width }) => {
      const affine = toAffine(params);
      return boxes.map((b, i) => {
        const m = inverseAffineMatrix(affine[i]!);
        return warpBoxes(b, (x, y) => forwardPoint(m, x, y, height, width));
      });
    },
  });
}

function readTranslate(value: unknown, name: string): [number, number] {
  const ok =
    Array.isArray(value) &&
    value.length === 2 &&
    value.every((v) => typeof v === 'number' && v >= 0 && v <= 1);
  if (!ok)
    fail(
      name,
      'translate',
      `translate must be [fx, fy] with fractions in [0, 1], got ${JSON.stringify(value)}.`,
    );
  return [value[0] as number, value[1] as number];
}

function readShear(value: RandomAffineOptions['shear'], name: string): number[] | null {
  if (value === undefined) return null;
  if (typeof value === 'number') return readDegrees(value, name, 'shear');
  if (Array.isArray(value) && (value.length === 2 || value.length === 4)) {
    return [
      ...readRange(value.slice(0, 2), name, 'shear'),
      ...(value.length === 4 ? readRange(value.slice(2), name, 'shear') : []),
    ];
  }
  fail(
    name,
    'shear',
    `shear must be a number, [min, max] or [xmin, xmax, ymin, ymax], got ${JSON.stringify(value)}.`,
  );
}

/**
 * Rotates each image by its own angle drawn from `degrees` (counter-clockwise for positive angles)
 * about its centre — torchvision's `RandomRotation` (same size; corners filled with `fill`).
 * Boxes become the bounding boxes of their rotated corners.
 *
 * @example
 * ```ts
 * const t = randomRotation({ degrees: 15, interpolation: 'bilinear' });
 * ```
 * @category Geometric
 */
export function randomRotation(
  options: { degrees: number | readonly [number, number] } & WarpOptions,
): Transform<RotationParams> {
  const name = 'randomRotation';
  const degrees = readDegrees(options?.degrees, name, 'degrees');
  return warpTransform<RotationParams>(
    name,
    options,
    ({ batch }, rng) => ({
      angle: Array.from({ length: batch }, () => rng.uniform(degrees[0], degrees[1])),
    }),
    // torchvision's rotate is its affine with −angle
    ({ angle }) => angle.map((a) => ({ angle: -a, translate: [0, 0], scale: 1, shear: [0, 0] })),
  );
}

/**
 * A random affine warp per image — torchvision's `RandomAffine`: rotation from `degrees`,
 * translation up to `translate · (W, H)` pixels (whole pixels), scale from `scale`, shear from `shear`.
 * @category Geometric
 */
export function randomAffine(options: RandomAffineOptions): Transform<AffineTransformParams> {
  const name = 'randomAffine';
  const degrees = readDegrees(options?.degrees, name, 'degrees');
  const translate = options.translate ? readTranslate(options.translate, name) : null;
  const scale = options.scale
    ? readRange(options.scale, name, 'scale', { min: Number.MIN_VALUE })
    : null;
  const shear = readShear(options.shear, name);
  return warpTransform<AffineTransformParams>(
    name,
    options,
    ({ batch, height, width }, rng) => ({
      affine: Array.from({ length: batch }, (): AffineParams => {
        // torchvision's RandomAffine.get_params, in its order of draws
        const angle = rng.uniform(degrees[0], degrees[1]);
        const t: [number, number] = translate
          ? [
              roundHalfEven(rng.uniform(-translate[0] * width, translate[0] * width)),
              roundHalfEven(rng.uniform(-translate[1] * height, translate[1] * height)),
            ]
          : [0, 0];
        const s = scale ? rng.uniform(scale[0], scale[1]) : 1;
        const sh: [number, number] = shear
          ? [
              rng.uniform(shear[0]!, shear[1]!),
              shear.length === 4 ? rng.uniform(shear[2]!, shear[3]!) : 0,
            ]
          : [0, 0];
        return { angle, translate: t, scale: s, shear: sh };
      }),
    }),
    ({ affine }) => affine,
  );
}
