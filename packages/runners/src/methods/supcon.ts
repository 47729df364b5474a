import * as tf from '@tensorflow/tfjs-core';
import { assertPositive } from '@tessera/core';
import { supConLoss } from '@tessera/losses';
import { twoViewHeadRun } from './two-view-head';
import type { PretrainMethod } from './types';

/** Options of {@link supcon}. @category Methods */
export interface SupconOptions {
  /** Temperature τ (and τ_base). Default `0.1`. */
  temperature: number;
  /** Output width of the projection head. Default `128`. */
  projectionDim: number;
}

/**
 * Supervised contrastive learning (Khosla et al. 2020, https://arxiv.org/abs/2004.11362): SimCLR's
 * two views and head, but every other view of the same class is a positive. Needs labels.
 * @category Methods
 */
export const supcon: PretrainMethod<SupconOptions> = {
  name: 'supcon',
  family: 'contrastive',
  summary: 'SupCon (Khosla et al. 2020): contrastive with label positives (needs labels)',
  requiresLabels: true,
  minBatchSize: 2,
  usesEncoder: true,
  resizableViews: true,
  create(context, { temperature = 0.1, projectionDim = 128 } = {}) {
    assertPositive(temperature, 'supcon', 'temperature');
    return twoViewHeadRun(context, {
      name: 'supcon_head',
      projectionDim,
      loss: (z1, z2, { labels }) => {
        if (!labels) throw new Error('supcon: the batch has no labels.');
        const features = tf.stack([z1, z2], 1) as tf.Tensor3D;
        return supConLoss(features, labels, {
          temperature,
          baseTemperature: temperature,
        }) as tf.Scalar;
      },
    });
  },
};
