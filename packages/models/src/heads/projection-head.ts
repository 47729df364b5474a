import * as tfl from '@tensorflow/tfjs-layers';
import { assertCount, fail } from '../internal/fail';
import { batchNormalization } from '../layers/batch-normalization';
import { assertLayerInit, layerInitializers, type LayerInit } from '../layers/layer-init';
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
  /**
   * Initial weights: `'tfjs'`, TF.js's dense defaults (kernels Glorot normal truncated at 2σ,
   * biases zero), or `'pytorch'`, `torch.nn.Linear`'s (kernels and biases U(±1/√fan_in)), for a
   * head that starts where a PyTorch reference's does. Default `'tfjs'`.
   */
  init?: LayerInit;
  /** ε of the batch norms (PyTorch's `BatchNorm1d` uses `1e-5`). Default `1e-3`, TF.js's. */
  batchNormEpsilon?: number;
  /**
   * Momentum of the batch norms' running averages, as TF.js counts it (the weight of the old
   * value; PyTorch's `momentum=0.1` is `0.9` here). Default `0.99`, TF.js's.
   */
  batchNormMomentum?: number;
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
    init = 'tfjs',
    batchNormEpsilon = 1e-3,
    batchNormMomentum = 0.99,
    name,
  }: ProjectionHeadOptions & { name: string },
): tfl.LayersModel {
  assertCount(inputDim, fn, 'inputDim');
  assertCount(hiddenDim, fn, 'hiddenDim');
  assertCount(outputDim, fn, 'outputDim');
  assertCount(layers, fn, 'layers');
  assertLayerInit(init, fn);
  if (!(batchNormEpsilon > 0))
    fail(fn, 'batchNormEpsilon', `batchNormEpsilon must be positive, got ${batchNormEpsilon}.`);
  if (!(batchNormMomentum >= 0 && batchNormMomentum < 1))
    fail(fn, 'batchNormMomentum', `batchNormMomentum must be in [0, 1), got ${batchNormMomentum}.`);
  const bn = (layerName: string) =>
    batchNormalization({
      name: layerName,
      epsilon: batchNormEpsilon,
      momentum: batchNormMomentum,
    });
  const input = tfl.input({ shape: [inputDim] });
  let x = input as tfl.SymbolicTensor;
  for (let i = 0; i < layers - 1; i++) {
    x = tfl.layers
      .dense({
        units: hiddenDim,
        useBias: !batchNorm,
        name: `${name}_dense${i + 1}`,
        ...layerInitializers(init, i === 0 ? inputDim : hiddenDim),
      })
      .apply(x) as tfl.SymbolicTensor;
    if (batchNorm) x = bn(`${name}_bn${i + 1}`).apply(x) as tfl.SymbolicTensor;
    x = reLU().apply(x) as tfl.SymbolicTensor;
  }
  x = tfl.layers
    .dense({
      units: outputDim,
      useBias: !outputBatchNorm,
      name: `${name}_out`,
      ...layerInitializers(init, layers === 1 ? inputDim : hiddenDim),
    })
    .apply(x) as tfl.SymbolicTensor;
  if (outputBatchNorm) x = bn(`${name}_out_bn`).apply(x) as tfl.SymbolicTensor;
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
