import * as tf from '@tensorflow/tfjs-core';
import { assertInRange, assertInteger } from '@tessera/core';
import { byolLoss } from '@tessera/losses';
import { MomentumEncoder, predictionHead, projectionHead } from '@tessera/models';
import { headDefaults, minimizeStep, stack, train, trainableVariables, views } from './shared';
import type { PretrainMethod } from './types';

/** Options of {@link byol}. @category Methods */
export interface ByolOptions {
  /** Base EMA momentum of the target network (cosine schedule to 1 when the step count is known). Default `0.99`. */
  momentum: number;
  /** Output width of the projector and predictor. Default `128`. */
  projectionDim: number;
}

/**
 * BYOL (Grill et al. 2020, https://arxiv.org/abs/2006.07733): an online network (encoder, projector,
 * predictor) regresses the target network's projection of the other view; the target is an EMA of
 * the online encoder + projector. The loss is symmetrised over the two views. No negatives.
 * @category Methods
 */
export const byol: PretrainMethod<ByolOptions> = {
  name: 'byol',
  family: 'non-contrastive',
  summary: 'BYOL (Grill et al. 2020): predictor + momentum target, no negatives',
  requiresLabels: false,
  minBatchSize: 2,
  usesEncoder: true,
  resizableViews: true,
  create(context, { momentum = 0.99, projectionDim = 128 } = {}) {
    assertInRange(momentum, 0, 1, 'byol', 'momentum');
    assertInteger(projectionDim, 'byol', 'projectionDim', { min: 1 });
    const projector = projectionHead({
      ...headDefaults(context),
      inputDim: context.featureDim,
      hiddenDim: context.featureDim * 2,
      outputDim: projectionDim,
      name: 'byol_projector',
    });
    const predictor = predictionHead({
      ...headDefaults(context),
      inputDim: projectionDim,
      hiddenDim: context.featureDim * 2,
      outputDim: projectionDim,
      name: 'byol_predictor',
    });
    const online = stack('byol_online', context.inputShape, context.encoder, projector);
    const target = new MomentumEncoder(online, {
      momentum,
      ...(context.totalSteps ? { schedule: 'cosine', totalSteps: context.totalSteps } : {}),
    });
    const optimizer = context.createOptimizer();
    const vars = trainableVariables(context.encoder, projector, predictor);
    return {
      representation: context.encoder,
      models: { encoder: context.encoder, projector, predictor, target: target.model },
      optimizers: { optimizer },
      step: ({ images, seed, step }) => {
        const loss = tf.tidy(() => {
          const x = tf.concat(views(context, images, seed));
          const [t1, t2] = tf.split(target.model.apply(x, { training: true }) as tf.Tensor2D, 2);
          return minimizeStep(optimizer, vars, () => {
            const [p1, p2] = tf.split(train<tf.Tensor2D>(predictor, train(online, x)), 2);
            return tf.add(
              byolLoss(p1 as tf.Tensor2D, t2 as tf.Tensor2D),
              byolLoss(p2 as tf.Tensor2D, t1 as tf.Tensor2D),
            ) as tf.Scalar;
          });
        });
        target.update(step);
        return loss;
      },
      dispose: () => {
        target.model.dispose();
        projector.dispose();
        predictor.dispose();
        optimizer.dispose();
      },
    };
  },
};
