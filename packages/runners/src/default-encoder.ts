import * as tfl from '@tensorflow/tfjs-layers';
import { InvalidArgumentError, withSeededRandom } from '@tessera/core';
import { convEncoder } from '@tessera/models';

/** Options of {@link defaultEncoder}. @category Training */
export interface DefaultEncoderOptions {
  /** `[H, W, C]` of the images. Default `[28, 28, 1]`. */
  inputShape?: readonly [number, number, number];
  /** Per-channel mean and std the images are standardised with inside the model. Default MNIST's `0.1307`, `0.3081`. */
  normalize?: { mean: number; std: number };
  /**
   * Seed of the initial weights (the same seed builds the same encoder, see `withSeededRandom`).
   * Default: unseeded, as TF.js layers are.
   */
  seed?: number;
  /**
   * Initial convolution kernels: `'tfjs'`, TF.js's default (Glorot normal truncated at 2σ), or
   * `'pytorch'`, PyTorch's `Conv2d` default as in the reference run (U(±1/√fan_in)). Default
   * `'tfjs'`.
   */
  init?: 'tfjs' | 'pytorch';
}

/**
 * The small CNN of the benchmarks and of the PyTorch reference run: `(x − mean) / std`, then
 * conv3×3(32)–BN–ReLU, conv3×3(64)–BN–ReLU, max-pool 2×2, conv3×3(128)–BN–ReLU, global average
 * pool → 128-d. It takes images in [0, 1]; the standardisation is a layer, so a saved encoder is
 * self-contained.
 * @category Training
 */
export function defaultEncoder({
  inputShape = [28, 28, 1],
  normalize = { mean: 0.1307, std: 0.3081 },
  seed,
  init = 'tfjs',
}: DefaultEncoderOptions = {}): tfl.LayersModel {
  if (init !== 'tfjs' && init !== 'pytorch') {
    throw new InvalidArgumentError({
      functionName: 'defaultEncoder',
      argument: 'init',
      detail: `init must be 'tfjs' or 'pytorch', got ${JSON.stringify(init)}.`,
    });
  }
  if (seed !== undefined)
    return withSeededRandom(seed, () => defaultEncoder({ inputShape, normalize, init }));
  const input = tfl.input({ shape: [...inputShape] });
  const scaled = tfl.layers
    .rescaling({ scale: 1 / normalize.std, offset: -normalize.mean / normalize.std })
    .apply(input) as tfl.SymbolicTensor;
  // running averages as PyTorch's BatchNorm(momentum=0.1): evaluation after a short run depends on them
  const body = convEncoder({
    inputShape,
    filters: [32, 64, 128],
    batchNormMomentum: 0.9,
    ...(init === 'pytorch'
      ? {
          kernelInitializer: tfl.initializers.varianceScaling({
            scale: 1 / 3,
            mode: 'fanIn',
            distribution: 'uniform',
          }),
        }
      : {}),
  });
  return tfl.model({
    inputs: input,
    outputs: body.apply(scaled) as tfl.SymbolicTensor,
    name: 'encoder',
  });
}
