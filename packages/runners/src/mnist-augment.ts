import {
  compose,
  randomApply,
  randomBrightness,
  randomContrast,
  randomResizedCrop,
  randomRotation,
  type Transform,
} from '@tessera/augment';

/**
 * The augmentation of the PyTorch MNIST reference run (`shared/reference/mnist_ssl`): a random
 * resized crop (area 0.2–1, ratio 3/4–4/3, bilinear), a rotation of ±10° (bilinear, zero fill), and
 * with probability 0.8 brightness then contrast factors in [0.6, 1.4]. No flips: digits have a
 * handedness.
 * @category Training
 */
export function mnistAugment({
  size = [28, 28],
}: { size?: readonly [number, number] } = {}): Transform {
  return compose([
    randomResizedCrop({ size, scale: [0.2, 1], ratio: [3 / 4, 4 / 3] }),
    randomRotation({ degrees: 10, interpolation: 'bilinear' }),
    randomApply(compose([randomBrightness({ factor: 0.4 }), randomContrast({ factor: 0.4 })]), {
      p: 0.8,
    }),
  ]);
}
