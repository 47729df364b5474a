import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { assertInteger, InvalidArgumentError } from '@tessera/core';
import { cpcLoss } from '@tessera/losses';
import { convEncoder, cpcModel } from '@tessera/models';
import { minimizeStep, trainableVariables, views } from './shared';
import type { PretrainMethod } from './types';

/** Options of {@link cpc}. @category Methods */
export interface CpcOptions {
  /** Patches per side; the image's height and width must be multiples of it. Default `4` (7 × 7 patches of MNIST). */
  grid: number;
  /** Width of each patch's embedding z. Default `64`. */
  patchDim: number;
  /** Filters of the patch encoder's convolutions. Default `[16, 32]`. */
  patchFilters: readonly number[];
  /** Units of the GRU context network. Default `64`. */
  contextUnits: number;
  /** Patches ahead each context predicts (K < grid). Default `2`. */
  predictionSteps: number;
}

/**
 * Contrastive Predictive Coding on images (van den Oord et al. 2018,
 * https://arxiv.org/abs/1807.03748; the patch-grid variant of Hénaff et al. 2019): each
 * (augmented) image is cut into a `grid × grid` grid of patches; every column, read top to
 * bottom, is a sequence; a conv patch encoder embeds each patch, a GRU summarises the patches seen
 * so far, and linear maps W_k predict the embeddings k patches further down, scored by InfoNCE
 * against the other sequences of the batch (`cpcLoss`). The representation is the patch
 * encoder's embedding averaged over all patches of the image. Trains its own networks (not the
 * run's encoder).
 * @category Methods
 */
export const cpc: PretrainMethod<CpcOptions> = {
  name: 'cpc',
  family: 'contrastive',
  summary: 'CPC (van den Oord et al. 2018): predict patch embeddings down each column, InfoNCE',
  requiresLabels: false,
  minBatchSize: 1,
  usesEncoder: false,
  create(
    context,
    {
      grid = 4,
      patchDim = 64,
      patchFilters = [16, 32],
      contextUnits = 64,
      predictionSteps = 2,
    } = {},
  ) {
    assertInteger(grid, 'cpc', 'grid', { min: 2 });
    assertInteger(patchDim, 'cpc', 'patchDim', { min: 1 });
    assertInteger(contextUnits, 'cpc', 'contextUnits', { min: 1 });
    assertInteger(predictionSteps, 'cpc', 'predictionSteps', { min: 1 });
    const [H, W, C] = context.inputShape;
    if (H % grid !== 0 || W % grid !== 0)
      throw new InvalidArgumentError({
        functionName: 'cpc',
        argument: 'grid',
        detail: `the image size ${H}×${W} must be a multiple of grid = ${grid}.`,
      });
    const [p, q] = [H / grid, W / grid];
    const patch = convEncoder({
      inputShape: [p, q, C],
      filters: patchFilters,
      embeddingDim: patchDim,
      batchNormMomentum: 0.9,
      name: 'cpc_patch_encoder',
    });
    const model = cpcModel({ encoder: patch, sequenceLength: grid, contextUnits, predictionSteps });
    // The representation: image → grid × grid patches (reading order) → patch embeddings → mean.
    const input = tfl.input({ shape: [H, W, C] });
    let x = tfl.layers
      .reshape({ targetShape: [grid, p, grid, q, C] })
      .apply(input) as tfl.SymbolicTensor;
    x = tfl.layers.permute({ dims: [1, 3, 2, 4, 5] }).apply(x) as tfl.SymbolicTensor;
    x = tfl.layers.reshape({ targetShape: [grid * grid, p, q, C] }).apply(x) as tfl.SymbolicTensor;
    x = tfl.layers.timeDistributed({ layer: patch }).apply(x) as tfl.SymbolicTensor;
    x = tfl.layers.globalAveragePooling1d({}).apply(x) as tfl.SymbolicTensor;
    const representation = tfl.model({ inputs: input, outputs: x, name: 'cpc_representation' });
    const optimizer = context.createOptimizer();
    const vars = trainableVariables(model.model);
    return {
      representation,
      models: { cpc: model.model },
      optimizers: { optimizer },
      step: ({ images, seed }) =>
        tf.tidy(() => {
          const [v] = views(context, images, seed, 1) as [tf.Tensor4D];
          const n = v.shape[0];
          // [N, row, p, col, q, C] → [N, col, row, p, q, C]: each column is a top-to-bottom sequence.
          const columns = tf.reshape(
            tf.transpose(tf.reshape(v, [n, grid, p, grid, q, C]), [0, 3, 1, 2, 4, 5]),
            [n * grid, grid, p, q, C],
          );
          return minimizeStep(optimizer, vars, () => {
            const [predictions, encodings] = model.model.apply(columns, { training: true }) as [
              tf.Tensor3D,
              tf.Tensor3D,
            ];
            return cpcLoss(predictions, encodings) as tf.Scalar;
          });
        }),
      dispose: () => {
        model.model.dispose();
        optimizer.dispose();
      },
    };
  },
};
