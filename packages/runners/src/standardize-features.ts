import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { assertInteger, assertPositive, createRng, InvalidArgumentError } from '@tessera/core';
import { fromArrays, isImageSource, subset, type ImageSource } from '@tessera/data';
import { embedImages } from './evaluate/embed';
import type { ImageData } from './pretrain/types';
import { takesImages } from './input-shape';

/** The name of the layer {@link standardizeFeatures} appends. @category Evaluation */
export const FEATURE_STANDARDIZATION_LAYER = 'feature_standardization';

/** Options of {@link standardizeFeatures}. @category Evaluation */
export interface StandardizeFeaturesOptions {
  /** Images whose features give the statistics: a seeded sample when the data has more. Default `10000`. */
  maxImages?: number;
  /** ε of `(f − μ) / √(σ² + ε)`: keeps features that barely vary from being blown up. Default `1e-5`. */
  epsilon?: number;
  /** Images per forward pass. Default `1000`. */
  batchSize?: number;
}

/**
 * The encoder with its features standardised: `(f − μ) / √(σ² + ε)` per feature, μ and σ² the
 * mean and population variance of the encoder's features over `data` — images without labels,
 * normally the ones it was pretrained on (a seeded sample of `maxImages` when there are more).
 *
 * Features that a network learns come in very unequal scales; distances (kNN, few-shot
 * prototypes) then hear mostly the few largest. Standardising them gives every feature a say,
 * as the linear probe's own `StandardScaler` does; on features of classes the encoder never saw
 * it matters most. The statistics are fixed once computed: the layer is a batch norm without
 * scale or shift whose moving mean and variance hold μ and σ², not trainable, so the model saves,
 * loads and runs in inference mode like any other. An encoder that already ends with this layer
 * has it replaced, not stacked. The new model shares the encoder's layers: dispose one of the two.
 * A freshly initialised copy (`fromConfig`) starts at μ = 0, σ² = 1, i.e. no standardisation.
 *
 * @param encoder - A model from images to `[N, D]` features.
 * @param data - Images in memory (`{ images, shape }`) or any `ImageSource`; labels are not read.
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} when the encoder's
 *   output is not `[N, D]`, the data is empty or does not fit its input, or an option is invalid.
 * @example
 * ```ts
 * const { encoder } = await pretrain({ method: 'simclr', data: train, budgetSeconds: 300 });
 * const standardized = await standardizeFeatures(encoder, train);
 * ```
 * @category Evaluation
 */
export async function standardizeFeatures(
  encoder: tfl.LayersModel,
  data: Pick<ImageData, 'images' | 'shape'> | ImageSource,
  { maxImages = 10000, epsilon = 1e-5, batchSize = 1000 }: StandardizeFeaturesOptions = {},
): Promise<tfl.LayersModel> {
  const fn = 'standardizeFeatures';
  assertInteger(maxImages, fn, 'maxImages', { min: 1 });
  assertInteger(batchSize, fn, 'batchSize', { min: 1 });
  assertPositive(epsilon, fn, 'epsilon');
  const base = withoutStandardization(encoder);
  const outputShape = base.outputs[0]!.shape;
  if (outputShape.length !== 2)
    throw new InvalidArgumentError({
      functionName: fn,
      argument: 'encoder',
      detail: `the encoder must output [N, D] features, got [${outputShape.map((d) => d ?? 'N').join(', ')}].`,
    });
  const source = isImageSource(data) ? data : fromArrays(data);
  const { fits, takes } = takesImages(base, source.shape);
  if (source.size === 0 || !fits)
    throw new InvalidArgumentError({
      functionName: fn,
      argument: 'data',
      detail:
        source.size === 0
          ? 'data has no images.'
          : `the encoder takes ${takes} images, the data has ${source.shape.join('×')}.`,
    });
  const count = Math.min(source.size, maxImages);
  const sample =
    count < source.size
      ? subset(source, createRng(0).permutation(source.size).subarray(0, count))
      : source;
  const { features, dim } = await embedImages(base, sample, { batchSize });
  const { mean, variance } = columnMoments(features, dim);
  const layer = tfl.layers.batchNormalization({
    axis: -1,
    center: false,
    scale: false,
    epsilon,
    trainable: false,
    name: FEATURE_STANDARDIZATION_LAYER,
  });
  const output = layer.apply(base.outputs[0]!) as tfl.SymbolicTensor;
  const moments = [tf.tensor1d(mean), tf.tensor1d(variance)];
  layer.setWeights(moments);
  tf.dispose(moments);
  return tfl.model({ inputs: base.inputs, outputs: output, name: base.name });
}

/** The encoder without a trailing feature standardisation (the model itself when it has none). */
function withoutStandardization(encoder: tfl.LayersModel): tfl.LayersModel {
  const last = encoder.layers[encoder.layers.length - 1];
  if (last?.name !== FEATURE_STANDARDIZATION_LAYER) return encoder;
  return tfl.model({
    inputs: encoder.inputs,
    outputs: last.input as tfl.SymbolicTensor,
    name: encoder.name,
  });
}

/** Per-column mean and population variance of a row-major `[n, dim]` array, summed in float64. */
function columnMoments(
  x: Float32Array,
  dim: number,
): { mean: Float32Array; variance: Float32Array } {
  const n = x.length / dim;
  const sum = new Float64Array(dim);
  for (let i = 0; i < n; i++)
    for (let d = 0; d < dim; d++) sum[d] = (sum[d] as number) + (x[i * dim + d] as number);
  const mean = Float64Array.from(sum, (s) => s / n);
  const sq = new Float64Array(dim);
  for (let i = 0; i < n; i++)
    for (let d = 0; d < dim; d++)
      sq[d] = (sq[d] as number) + ((x[i * dim + d] as number) - (mean[d] as number)) ** 2;
  return { mean: Float32Array.from(mean), variance: Float32Array.from(sq, (s) => s / n) };
}
