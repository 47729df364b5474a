import * as tfl from '@tensorflow/tfjs-layers';
import { assertCount } from '../internal/fail';
import { readImageShape } from '../internal/read-image-shape';
import { downStack, upStack } from './conv-stack';

/** Options of {@link autoencoder}. */
export interface AutoencoderOptions {
  /** `[height, width, channels]`; height and width multiples of 2^filters.length. */
  inputShape: readonly [number, number, number];
  /** Size of the code z. */
  latentDim: number;
  /** Filters of the stride-2 convolutions (the decoder mirrors them). Default `[32, 64]`. */
  filters?: readonly number[];
}

/** What {@link autoencoder} returns. */
export interface Autoencoder {
  /** `[N, H, W, C]` → `[N, latentDim]`: the representation. */
  readonly encoder: tfl.LayersModel;
  /** `[N, latentDim]` → `[N, H, W, C]` reconstruction logits (apply a sigmoid for [0, 1] pixels). */
  readonly decoder: tfl.LayersModel;
  /** encoder then decoder, end to end (train it with `reconstructionLoss(x, logits, {kind: 'bce'})`). */
  readonly model: tfl.LayersModel;
}

/**
 * A convolutional autoencoder (Hinton & Salakhutdinov 2006, convolutional): stride-2 convolutions
 * down to a `latentDim` code, transposed convolutions back. Its encoder is the representation.
 *
 * @example
 * ```ts
 * const { encoder, model } = autoencoder({ inputShape: [28, 28, 1], latentDim: 32 });
 * ```
 * @category Generative
 */
export function autoencoder({
  inputShape,
  latentDim,
  filters = [32, 64],
}: AutoencoderOptions): Autoencoder {
  const fn = 'autoencoder';
  const shape = readImageShape(inputShape, filters.length, fn);
  assertCount(latentDim, fn, 'latentDim');
  const x = tfl.input({ shape: [...shape] });
  const code = tfl.layers
    .dense({ units: latentDim, name: 'ae_code' })
    .apply(downStack(x, filters, 'ae_enc')) as tfl.SymbolicTensor;
  const encoder = tfl.model({ inputs: x, outputs: code, name: 'ae_encoder' });
  const z = tfl.input({ shape: [latentDim] });
  const decoder = tfl.model({
    inputs: z,
    outputs: upStack(z, shape, filters, 'ae_dec'),
    name: 'ae_decoder',
  });
  const input = tfl.input({ shape: [...shape] });
  const model = tfl.model({
    inputs: input,
    outputs: decoder.apply(encoder.apply(input)) as tfl.SymbolicTensor,
    name: 'autoencoder',
  });
  return { encoder, decoder, model };
}
