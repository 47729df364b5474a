import {
  compose,
  randomApply,
  randomBrightness,
  randomContrast,
  randomResizedCrop,
  randomRotation,
  type Transform,
} from '@tessera/augment';
import { assertInRange } from '@tessera/core';

/**
 * The augmentation of the PyTorch MNIST reference run (`shared/reference/mnist_ssl`): a random
 * resized crop (area `minScale`–1, by default 0.2–1; ratio 3/4–4/3, bilinear), a rotation of ±10° (bilinear, zero fill), and
 * with probability 0.8 brightness then contrast factors in [0.6, 1.4]. No flips: digits have a
 * handedness. The crop's resampling is corner-aligned unless `exactCrop` is set.
 * @category Training
 */
export function mnistAugment({
  size = [28, 28],
  minScale = 0.2,
  exactCrop = false,
}: {
  size?: readonly [number, number];
  /** Smallest crop area fraction, in (0, 1]. Default `0.2`, the reference run's. */
  minScale?: number;
  /**
   * Resample the crop as torchvision's `resized_crop` does (half-pixel centres) rather than with the
   * corner-aligned `tf.image.cropAndResize` (see `randomResizedCrop`'s `exact`): slower on wasm; the
   * main job's few-shot accuracy was the same with either (seeds 1 and 2, 360–440 steps). Default
   * `false`.
   */
  exactCrop?: boolean;
} = {}): Transform {
  assertInRange(minScale, 0, 1, 'mnistAugment', 'minScale', { minInclusive: false });
  return compose([
    randomResizedCrop({ size, scale: [minScale, 1], ratio: [3 / 4, 4 / 3], exact: exactCrop }),
    randomRotation({ degrees: 10, interpolation: 'bilinear' }),
    randomApply(compose([randomBrightness({ factor: 0.4 }), randomContrast({ factor: 0.4 })]), {
      p: 0.8,
    }),
  ]);
}
