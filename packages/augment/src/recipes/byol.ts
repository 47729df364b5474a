import { multiView, type MultiView } from '../compose/multi-view';
import { solarize } from '../random/photometric';
import { pipeline, type SimclrAugmentOptions } from './simclr';

/** Options of {@link byolAugment}. */
export interface ByolAugmentOptions {
  /** Output size. */
  size: number | readonly [number, number];
  /** Smallest crop area fraction. Default `0.08`. */
  minScale?: number;
  /** Normalise at the end. Default: no normalisation. */
  normalize?: SimclrAugmentOptions['normalize'];
}

/**
 * BYOL's two asymmetric views (Grill et al. 2020, table 6; lightly's `BYOLView1Transform` /
 * `BYOLView2Transform`): both crop, flip, jitter (0.4, 0.4, 0.2, 0.1) with p 0.8 and grayscale 0.2;
 * view 1 always blurs, view 2 blurs with p 0.1 and solarizes with p 0.2.
 *
 * @example
 * ```ts
 * const [online, target] = byolAugment({ size: 32 })(images, { seed: 0 });
 * ```
 * @category Recipes
 */
export function byolAugment(options: ByolAugmentOptions): MultiView {
  const jitter = { brightness: 0.4, contrast: 0.4, saturation: 0.2, hue: 0.1 };
  const view1 = pipeline('byolAugment', { ...options, blurProbability: 1 }, jitter);
  const view2 = pipeline('byolAugment', { ...options, blurProbability: 0.1 }, jitter, [
    solarize({ threshold: 0.5, p: 0.2 }),
  ]);
  return multiView([view1, view2]);
}
