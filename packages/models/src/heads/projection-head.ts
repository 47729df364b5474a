import * as tfl from '@tensorflow/tfjs-layers';
import { assertCount } from '../internal/fail';
import { batchNormalization } from '../layers/batch-normalization';
import { reLU } from '../layers/relu';

/** Options of {@link projectionHead}. */
export interface ProjectionHeadOptions {
  inputDim: number;
  hiddenDim: number;
  outputDim: number;
  /** Linear layers in all (≥ 1). Default `2` (SimCLR, MoCo v2). */
  layers?: number;
  /** Batch norm after each hidden layer (lightly's default). Default `true`. */
  batchNorm?: boolean;
  /**
   * Batch norm on the output layer too (lightly's `SimSiamProjectionHead`, Chen & He 2021 §4.4).
   * Default `false`.
   */
  outputBatchNorm?: boolean;
  name?: string;
}

function mlp(
  fn: string,
  {
    inputDim,
    hiddenDim,
    outputDim,
    layers = 2,
    batchNorm = true,
    outputBatchNorm = false,
    name,
  }: ProjectionHeadOptions & { name: string },
): tfl.LayersModel {
  assertCount(inputDim, fn, 'inputDim');
  assertCount(hiddenDim, fn, 'hiddenDim');
  assertCount(outputDim, fn, 'outputDim');
  assertCount(layers, fn, 'layers');
  const input = tfl.input({ shape: [inputDim] });
  let x = input as tfl.SymbolicTensor;
  for (let i = 0; i < layers - 1; i++) {
    x = tfl.layers
      .dense({ units: hiddenDim, useBias: !batchNorm, name: `${name}_dense${i + 1}` })
      .apply(x) as tfl.SymbolicTensor;
    if (batchNorm)
      x = batchNormalization({ name: `${name}_bn${i + 1}` }).apply(x) as tfl.SymbolicTensor;
    x = reLU().apply(x) as tfl.SymbolicTensor;
  }
  x = tfl.layers
    .dense({ units: outputDim, useBias: !outputBatchNorm, name: `${name}_out` })
    .apply(x) as tfl.SymbolicTensor;
  if (outputBatchNorm)
    x = batchNormalization({ name: `${name}_out_bn` }).apply(x) as tfl.SymbolicTensor;
  return tfl.model({ inputs: input, outputs: x, name });
}

/**
 * The projection head g(·) of SimCLR and MoCo v2 (lightly's `SimCLRProjectionHead`): `layers − 1`
 * blocks of dense → batch norm → ReLU, then a dense output. The loss sees its output; downstream
 * tasks use the encoder's features before it.
 *
 * @returns `[N, inputDim]` → `[N, outputDim]`.
 * @example
 * ```ts
 * const head = projectionHead({ inputDim: 128, hiddenDim: 128, outputDim: 64 });
 * ```
 * @category Heads
 */
export function projectionHead(options: ProjectionHeadOptions): tfl.LayersModel {
  return mlp('projectionHead', { ...options, name: options.name ?? 'projection_head' });
}

/**
 * The predictor q(·) of BYOL and SimSiam (lightly's `BYOLPredictionHead`): dense → batch norm →
 * ReLU → dense, on the online branch only.
 * @category Heads
 */
export function predictionHead(options: Omit<ProjectionHeadOptions, 'layers'>): tfl.LayersModel {
  return mlp('predictionHead', { ...options, layers: 2, name: options.name ?? 'prediction_head' });
}
