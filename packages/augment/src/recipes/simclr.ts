import { compose } from '../compose/compose';
import { colorJitter } from '../random/color-jitter';
import { randomHorizontalFlip } from '../random/flips';
import { gaussianBlur, normalize, randomGrayscale } from '../random/photometric';
import { randomResizedCrop } from '../random/random-resized-crop';
import { assertInRange } from '@tessera/core';
import type { Transform } from '../transform/types';

/** Options of {@link simclrAugment}; defaults are lightly's `SimCLRTransform`. */
export interface SimclrAugmentOptions {
  /** Output size (the crop is resized to it). */
  size: number | readonly [number, number];
  /** Colour-jitter strength s: brightness, contrast, saturation 0.8·s, hue 0.2·s. Default `1`; SimCLR used 0.5 on CIFAR-10. */
  strength?: number;
  /** Smallest crop area fraction. Default `0.08`. */
  minScale?: number;
  /** Probability of colour jitter. Default `0.8`. */
  colorJitterProbability?: number;
  /** Probability of grayscale. Default `0.2`. */
  grayscaleProbability?: number;
  /** Probability of Gaussian blur (σ in [0.1, 2]). Default `0.5`; `0` for small images as SimCLR's CIFAR runs. */
  blurProbability?: number;
  /** Probability of a horizontal flip. Default `0.5`. */
  flipProbability?: number;
  /** Normalise at the end with these per-channel statistics. Default: no normalisation. */
  normalize?: { mean: number | readonly number[]; std: number | readonly number[] };
}

/**
 * SimCLR's augmentation (Chen et al. 2020, appendix A), with lightly's `SimCLRTransform` defaults:
 * random resized crop, horizontal flip, colour jitter (p 0.8), grayscale (p 0.2), Gaussian blur
 * (p 0.5). Use it with `twoViews` for the positive pairs.
 *
 * @example
 * ```ts
 * const [a, b] = twoViews(simclrAugment({ size: 28, strength: 0.5, blurProbability: 0 }))(images, { seed: 0 });
 * ```
 * @category Recipes
 */
export function simclrAugment(options: SimclrAugmentOptions): Transform<unknown[]> {
  const s = options.strength ?? 1;
  assertInRange(s, 0, Infinity, 'simclrAugment', 'strength');
  return pipeline('simclrAugment', options, {
    brightness: 0.8 * s,
    contrast: 0.8 * s,
    saturation: 0.8 * s,
    hue: Math.min(0.5, 0.2 * s),
  });
}

/** Options of {@link mocoV2Augment}; defaults are lightly's `MoCoV2Transform`. */
export type MocoV2AugmentOptions = Omit<SimclrAugmentOptions, 'strength'>;

/**
 * MoCo v2's augmentation (Chen et al. 2020, "Improved baselines"): crop with area ≥ 0.2, colour
 * jitter (0.4, 0.4, 0.4, 0.1) with p 0.8, grayscale 0.2, blur 0.5, flip.
 * @category Recipes
 */
export function mocoV2Augment(options: MocoV2AugmentOptions): Transform<unknown[]> {
  return pipeline(
    'mocoV2Augment',
    { minScale: 0.2, ...options },
    {
      brightness: 0.4,
      contrast: 0.4,
      saturation: 0.4,
      hue: 0.1,
    },
  );
}

/** @internal */
export function pipeline(
  name: string,
  options: SimclrAugmentOptions & { solarizeProbability?: number },
  jitter: { brightness: number; contrast: number; saturation: number; hue: number },
  extra: Transform[] = [],
): Transform<unknown[]> {
  const minScale = options.minScale ?? 0.08;
  assertInRange(minScale, 0, 1, name, 'minScale');
  const steps: Transform[] = [
    randomResizedCrop({ size: options.size, scale: [minScale, 1] }),
    randomHorizontalFlip({ p: options.flipProbability ?? 0.5 }),
    colorJitter({ ...jitter, p: options.colorJitterProbability ?? 0.8 }),
    randomGrayscale({ p: options.grayscaleProbability ?? 0.2 }),
  ];
  const blur = options.blurProbability ?? 0.5;
  assertInRange(blur, 0, 1, name, 'blurProbability');
  if (blur > 0) steps.push(gaussianBlur({ sigma: [0.1, 2], p: blur }));
  steps.push(...extra);
  if (options.normalize) steps.push(normalize(options.normalize));
  return compose(steps);
}
