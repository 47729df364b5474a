import { applyErasing } from '../ops/erasing';
import { applyGaussianBlur } from '../ops/gaussian-blur';
import { rgbToGrayscale } from '../ops/grayscale';
import { applyNormalize } from '../ops/normalize';
import { applySolarize } from '../ops/solarize';
import type { CropBox } from '../ops/crop-box';
import { randint, roundHalfEven } from '../internal/sampling';
import { fail, readRange } from '../internal/validate';
import { defineTransform } from '../transform/define-transform';
import { perImageTransform, type AppliedParams } from '../transform/per-image-transform';
import type { Transform } from '../transform/types';

/** Default Gaussian kernel for an image: SimCLR's 10 % of the shorter side, made odd, at least 3. @internal */
export function defaultKernelSize(height: number, width: number): number {
  const k = Math.floor(0.1 * Math.min(height, width));
  return Math.max(3, k % 2 === 0 ? k + 1 : k);
}

/**
 * Converts each image to grayscale (kept as 3 equal channels) with probability `p` — torchvision's
 * `RandomGrayscale`. 1-channel images are unchanged.
 * @category Photometric
 */
export function randomGrayscale({ p = 0.2 }: { p?: number } = {}): Transform<AppliedParams<null>> {
  return perImageTransform({
    name: 'randomGrayscale',
    p,
    channels: [1, 3],
    draw: () => null,
    op: (x) => rgbToGrayscale(x),
  });
}

/**
 * Blurs each image, with probability `p`, with a Gaussian whose σ is drawn from `sigma` —
 * torchvision's `GaussianBlur` (reflect padding), per image. `kernelSize` defaults to 10 % of the
 * image's shorter side, odd, at least 3 (SimCLR).
 * @category Photometric
 */
export function gaussianBlur({
  kernelSize,
  sigma = [0.1, 2],
  p = 1,
}: { kernelSize?: number; sigma?: readonly [number, number]; p?: number } = {}): Transform<
  AppliedParams<number>
> {
  const name = 'gaussianBlur';
  const range = readRange(sigma, name, 'sigma', { min: Number.MIN_VALUE });
  if (
    kernelSize !== undefined &&
    (!Number.isInteger(kernelSize) || kernelSize < 1 || kernelSize % 2 === 0)
  ) {
    fail(name, 'kernelSize', `kernelSize must be an odd integer >= 1, got ${kernelSize}.`);
  }
  return perImageTransform({
    name,
    p,
    draw: (rng) => rng.uniform(range[0], range[1]),
    op: (x, s) =>
      applyGaussianBlur(x, s, {
        kernelSize: kernelSize ?? defaultKernelSize(x.shape[1], x.shape[2]),
      }),
  });
}

/**
 * Inverts every value at or above `threshold`, in each image with probability `p` — torchvision's
 * `RandomSolarize` (BYOL's second view uses `p = 0.2`).
 * @category Photometric
 */
export function solarize({
  threshold = 0.5,
  p = 1,
}: { threshold?: number; p?: number } = {}): Transform<AppliedParams<number>> {
  if (!Number.isFinite(threshold))
    fail('solarize', 'threshold', `threshold must be finite, got ${threshold}.`);
  return perImageTransform({
    name: 'solarize',
    p,
    unitRange: true,
    draw: () => threshold,
    op: (x, t) => applySolarize(x, t),
  });
}

/** Options of {@link randomErasing}. */
export interface RandomErasingOptions {
  /** Probability of erasing a rectangle in an image. Default `0.5`. */
  p?: number;
  /** Area of the rectangle as a fraction of the image. Default `[0.02, 0.33]`. */
  scale?: readonly [number, number];
  /** Aspect ratio range of the rectangle. Default `[0.3, 3.3]`. */
  ratio?: readonly [number, number];
  /** Fill value. Default `0`. */
  value?: number;
}

/**
 * Erases a random rectangle in each image with probability `p` — torchvision's `RandomErasing`
 * (cutout; 10 tries to fit the rectangle, otherwise the image is left alone).
 * @category Photometric
 */
export function randomErasing(
  options: RandomErasingOptions = {},
): Transform<AppliedParams<CropBox | null>> {
  const name = 'randomErasing';
  const scale = readRange(options.scale ?? [0.02, 0.33], name, 'scale', { min: 0, max: 1 });
  const ratio = readRange(options.ratio ?? [0.3, 3.3], name, 'ratio', { min: Number.MIN_VALUE });
  const value = options.value ?? 0;
  const logRatio = [Math.log(ratio[0]), Math.log(ratio[1])] as const;
  return perImageTransform<CropBox | null>({
    name,
    p: options.p ?? 0.5,
    draw: (rng, { height, width }) => {
      const area = height * width;
      for (let attempt = 0; attempt < 10; attempt++) {
        const eraseArea = area * rng.uniform(scale[0], scale[1]);
        const aspect = Math.exp(rng.uniform(logRatio[0], logRatio[1]));
        const h = roundHalfEven(Math.sqrt(eraseArea * aspect));
        const w = roundHalfEven(Math.sqrt(eraseArea / aspect));
        if (h < height && w < width && h > 0 && w > 0) {
          return [randint(rng, 0, height - h + 1), randint(rng, 0, width - w + 1), h, w];
        }
      }
      return null;
    },
    op: (x, boxes) => applyErasing(x, boxes, value),
  });
}

/**
 * `(x − mean) / std` per channel (deterministic; its parameters are empty). Put it last: the output
 * leaves [0, 1].
 * @category Photometric
 */
export function normalize({
  mean,
  std,
}: {
  mean: number | readonly number[];
  std: number | readonly number[];
}): Transform<Record<string, never>> {
  return defineTransform({
    name: 'normalize',
    sample: () => ({}),
    apply: (images) => applyNormalize(images, mean, std),
  });
}
