import * as tf from '@tensorflow/tfjs-core';
import { assertPositive } from '@tessera/core';
import { supConLoss } from '@tessera/losses';
import { projectionHead } from '@tessera/models';
import { halves, headDefaults, minimizeStep, train, trainableVariables, views } from './shared';
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
  create(context, { temperature = 0.1, projectionDim = 128 } = {}) {
    assertPositive(temperature, 'supcon', 'temperature');
    const head = projectionHead({
      ...headDefaults(context),
      inputDim: context.featureDim,
      hiddenDim: context.featureDim,
      outputDim: projectionDim,
      name: 'supcon_head',
    });
    const optimizer = context.createOptimizer();
    const vars = trainableVariables(context.encoder, head);
    return {
      representation: context.encoder,
      models: { encoder: context.encoder, head },
      optimizers: { optimizer },
      step: ({ images, labels, seed }) =>
        tf.tidy(() => {
          if (!labels) throw new Error('supcon: the batch has no labels.');
          const x = tf.concat(views(context, images, seed));
          return minimizeStep(optimizer, vars, () => {
            const [z1, z2] = halves<tf.Tensor2D>(train(head, train(context.encoder, x)));
            const features = tf.stack([z1, z2], 1) as tf.Tensor3D;
            return supConLoss(features, labels, {
              temperature,
              baseTemperature: temperature,
            }) as tf.Scalar;
          });
        }),
      dispose: () => {
        head.dispose();
        optimizer.dispose();
      },
    };
  },
};
