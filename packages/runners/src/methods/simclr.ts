import type * as tf from '@tensorflow/tfjs-core';
import { assertInteger, assertPositive } from '@tessera/core';
import { ntXentLoss } from '@tessera/losses';
import { twoViewHeadRun } from './two-view-head';
import type { PretrainMethod } from './types';

/** Options of {@link simclr}. @category Methods */
export interface SimclrOptions {
  /** NT-Xent temperature τ. Default `0.5`. */
  temperature: number;
  /** Output width of the projection head. Default `128`. */
  projectionDim: number;
  /** Hidden width of the projection head. Default: the encoder's width. */
  hiddenDim: number;
}

/**
 * SimCLR (Chen et al. 2020, https://arxiv.org/abs/2002.05709): two augmented views of every image,
 * encoder + 2-layer projection head (batch norm), NT-Xent over the 2B rows with in-batch negatives
 * (InvaSpread's idea, Ye et al. 2019). Both views go through one forward pass, so batch norm sees
 * the 2B rows together, as in the PyTorch reference.
 * @category Methods
 */
export const simclr: PretrainMethod<SimclrOptions> = {
  name: 'simclr',
  family: 'contrastive',
  summary: 'SimCLR (Chen et al. 2020): NT-Xent over two views, in-batch negatives',
  requiresLabels: false,
  minBatchSize: 2,
  usesEncoder: true,
  resizableViews: true,
  create(context, { temperature = 0.5, projectionDim = 128, hiddenDim } = {}) {
    assertPositive(temperature, 'simclr', 'temperature');
    assertInteger(projectionDim, 'simclr', 'projectionDim', { min: 1 });
    return twoViewHeadRun(context, {
      name: 'simclr_head',
      projectionDim,
      ...(hiddenDim === undefined ? {} : { hiddenDim }),
      loss: (z1, z2) => ntXentLoss(z1, z2, { temperature }) as tf.Scalar,
    });
  },
};
