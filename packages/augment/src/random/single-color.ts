import { adjustBrightness } from '../ops/brightness';
import { adjustContrast } from '../ops/contrast';
import { adjustHue } from '../ops/hue';
import { adjustSaturation } from '../ops/saturation';
import { fail, readJitter } from '../internal/validate';
import { perImageTransform, type AppliedParams } from '../transform/per-image-transform';
import type { Transform } from '../transform/types';

/** Options of the single colour transforms: the jitter `v` (or a `[min, max]` range) and a probability. */
export interface SingleColorOptions {
  /** `v` → factors in `[max(0, 1 − v), 1 + v]` (hue: `[−v, v]`), or a range. */
  factor: number | readonly [number, number];
  /** Probability per image. Default `1`. */
  p?: number;
}

function single(
  name: string,
  op: (
    x: Parameters<typeof adjustBrightness>[0],
    f: number[],
  ) => ReturnType<typeof adjustBrightness>,
  { factor, p = 1 }: SingleColorOptions,
  centre: number,
  bounds: { min: number; max?: number },
): Transform<AppliedParams<number>> {
  const range = readJitter(factor, name, 'factor', { centre, ...bounds }) ?? [centre, centre];
  if (centre === 0 && typeof factor === 'number' && factor > 0.5) {
    fail(name, 'factor', `factor must be in [0, 0.5], got ${factor}.`);
  }
  return perImageTransform({
    name,
    p,
    channels: [1, 3],
    unitRange: true,
    draw: (rng) => rng.uniform(range[0], range[1]),
    op,
  });
}

/** Multiplies each image by a random factor (`adjustBrightness` with a factor per image). @category Photometric */
export function randomBrightness(options: SingleColorOptions): Transform<AppliedParams<number>> {
  return single('randomBrightness', adjustBrightness, options, 1, { min: 0 });
}

/** `adjustContrast` with a random factor per image. @category Photometric */
export function randomContrast(options: SingleColorOptions): Transform<AppliedParams<number>> {
  return single('randomContrast', adjustContrast, options, 1, { min: 0 });
}

/** `adjustSaturation` with a random factor per image. @category Photometric */
export function randomSaturation(options: SingleColorOptions): Transform<AppliedParams<number>> {
  return single('randomSaturation', adjustSaturation, options, 1, { min: 0 });
}

/** `adjustHue` with a random shift per image (`factor` ≤ 0.5). @category Photometric */
export function randomHue(options: SingleColorOptions): Transform<AppliedParams<number>> {
  return single('randomHue', adjustHue, options, 0, { min: -0.5, max: 0.5 });
}
