import { simclrAugment, type Transform } from '@tessera/augment';
import { mnistAugment } from './mnist-augment';

/**
 * The augmentation `pretrain` uses when none is given, chosen by the images' channels: colour
 * images get SimCLR's recipe at its CIFAR-10 strength (crop 0.08–1, flip, colour jitter 0.5 with
 * p 0.8, grayscale p 0.2, no blur — Chen et al. 2020, appendix B.9); grayscale ones
 * {@link mnistAugment} (crop, small rotation, brightness and contrast: no colour to jitter).
 * Crops are resampled to `viewShape`'s height and width (default: the images'); `minScale` sets
 * the smallest crop area fraction (default: each recipe's own, 0.08 and 0.2).
 * @example
 * ```ts
 * const augment = defaultAugment([32, 32, 3]);
 * const smallViews = defaultAugment([28, 28, 1], [20, 20, 1]); // 20×20 crops of 28×28 images
 * const largerCrops = defaultAugment([28, 28, 1], [20, 20, 1], { minScale: 0.4 });
 * ```
 * @category Training
 */
export function defaultAugment(
  shape: readonly [number, number, number],
  viewShape: readonly [number, number, number] = shape,
  { minScale }: { minScale?: number } = {},
): Transform {
  const size = [viewShape[0], viewShape[1]] as const;
  const crop = minScale === undefined ? {} : { minScale };
  return shape[2] === 3
    ? (simclrAugment({ size, strength: 0.5, blurProbability: 0, ...crop }) as Transform)
    : mnistAugment({ size, ...crop });
}
