import * as tfl from '@tensorflow/tfjs-layers';
import { withSeededRandom } from '@tessera/core';
import { convEncoder, type GridPool } from '@tessera/models';
import type { ImageStatistics } from '@tessera/data';
import { defaultsValues, type FrameworkDefaults } from './framework-defaults';
import { standardizeInput } from './standardize-input';

/** Options of {@link defaultEncoder}. @category Training */
export interface DefaultEncoderOptions {
  /** `[H, W, C]` of the images. Default `[28, 28, 1]`. */
  inputShape?: readonly [number, number, number];
  /**
   * Mean and std the images are standardised with inside the model: numbers for every channel
   * alike (`imageStatistics(data).overall` of `@tessera/data`), or one per channel
   * (`imageStatistics(data)`'s `mean` and `std`). `pretrain` passes the training images' own
   * ({@link standardization}). Default MNIST's `0.1307`, `0.3081`.
   */
  normalize?: { mean: number | readonly number[]; std: number | readonly number[] };
  /**
   * Seed of the initial weights (the same seed builds the same encoder, see `withSeededRandom`).
   * Default: unseeded, as TF.js layers are.
   */
  seed?: number;
  /**
   * Which framework's layer defaults the encoder starts from: `'tfjs'` (kernels Glorot normal
   * truncated at 2σ, batch-norm ε 1e-3) or `'pytorch'`, the reference run's `Conv2d` and
   * `BatchNorm2d` (kernels U(±1/√fan_in), ε 1e-5). Either way the batch norms' running averages
   * move as PyTorch's (`momentum=0.1`). Default `'tfjs'`.
   */
  defaults?: FrameworkDefaults;
  /** Indices of the convolutions a 2×2 max-pool follows (see `convEncoder`). Default `[1]`. */
  downsample?: readonly number[];
  /** Cells per side of the final average pooling (see `convEncoder`). Default `1` (global). */
  grid?: number;
  /** How each cell of the final pooling is summarised: `'average'` or `'max'` (see `convEncoder`). Default `'average'`. */
  gridPool?: GridPool;
}

/**
 * What {@link defaultEncoder} standardises images with, from their statistics: the overall mean
 * and std for one channel, each channel's own for several (a constant channel's std taken as 1).
 * @category Training
 */
export function standardization(stats: ImageStatistics): {
  mean: number | number[];
  std: number | number[];
} {
  if (stats.mean.length === 1) return { ...stats.overall };
  return { mean: [...stats.mean], std: stats.std.map((s) => (s > 0 ? s : 1)) };
}

/**
 * The small CNN of the benchmarks and of the PyTorch reference run: `(x − mean) / std`, then
 * conv3×3(32)–BN–ReLU, conv3×3(64)–BN–ReLU, max-pool 2×2, conv3×3(128)–BN–ReLU, global average
 * pool → 128-d. It takes images in [0, 1]; the standardisation is a layer (per channel: a fixed
 * 1×1 depthwise convolution), so a saved encoder is self-contained.
 * @category Training
 */
export function defaultEncoder({
  inputShape = [28, 28, 1],
  normalize = { mean: 0.1307, std: 0.3081 },
  seed,
  defaults = 'tfjs',
  downsample,
  grid,
  gridPool,
}: DefaultEncoderOptions = {}): tfl.LayersModel {
  const { init, batchNormEpsilon } = defaultsValues(defaults, 'defaultEncoder');
  if (seed !== undefined)
    return withSeededRandom(seed, () =>
      defaultEncoder({
        inputShape,
        normalize,
        defaults,
        ...(downsample ? { downsample } : {}),
        ...(grid ? { grid } : {}),
        ...(gridPool ? { gridPool } : {}),
      }),
    );
  const input = tfl.input({ shape: [...inputShape] });
  const scaled = standardizeInput(input, normalize, 'defaultEncoder');
  // running averages as PyTorch's BatchNorm(momentum=0.1): evaluation after a short run depends on them
  const body = convEncoder({
    inputShape,
    filters: [32, 64, 128],
    batchNormMomentum: 0.9,
    batchNormEpsilon,
    init,
    ...(downsample ? { downsample } : {}),
    ...(grid ? { grid } : {}),
    ...(gridPool ? { gridPool } : {}),
  });
  return tfl.model({
    inputs: input,
    outputs: body.apply(scaled) as tfl.SymbolicTensor,
    name: 'encoder',
  });
}
