import * as tf from '@tensorflow/tfjs-core';
import { assertInteger } from '@tessera/core';
import { negativeCosineSimilarity } from '@tessera/losses';
import { predictionHead, projectionHead } from '@tessera/models';
import { halves, headDefaults, minimizeStep, train, trainableVariables, views } from './shared';
import type { PretrainMethod } from './types';

/** Options of {@link simsiam}. @category Methods */
export interface SimsiamOptions {
  /** Output width of the projector and predictor. Default `128`. */
  projectionDim: number;
}

/**
 * SimSiam (Chen & He 2021, https://arxiv.org/abs/2011.10566): BYOL without the momentum encoder —
 * the predictor's output regresses the stop-gradient projection of the other view,
 * `½·D(p1, sg(z2)) + ½·D(p2, sg(z1))`. The projector is the paper's (§4.4, lightly's
 * `SimSiamProjectionHead`): three dense layers, each followed by batch norm — the output's included;
 * the predictor a bottleneck of a quarter of its width. (With a two-layer projector and no output
 * batch norm a one-minute MNIST run lost 10 kNN points against its start; with the paper's, 4.6.)
 * @category Methods
 */
export const simsiam: PretrainMethod<SimsiamOptions> = {
  name: 'simsiam',
  family: 'non-contrastive',
  summary: 'SimSiam (Chen & He 2021): predictor + stop-gradient, no negatives, no momentum',
  requiresLabels: false,
  minBatchSize: 2,
  usesEncoder: true,
  resizableViews: true,
  create(context, { projectionDim = 128 } = {}) {
    assertInteger(projectionDim, 'simsiam', 'projectionDim', { min: 1 });
    const projector = projectionHead({
      ...headDefaults(context),
      inputDim: context.featureDim,
      hiddenDim: context.featureDim,
      outputDim: projectionDim,
      layers: 3,
      outputBatchNorm: true,
      name: 'simsiam_projector',
    });
    const predictor = predictionHead({
      ...headDefaults(context),
      inputDim: projectionDim,
      hiddenDim: Math.max(1, projectionDim >> 2),
      outputDim: projectionDim,
      name: 'simsiam_predictor',
    });
    const optimizer = context.createOptimizer();
    const vars = trainableVariables(context.encoder, projector, predictor);
    return {
      representation: context.encoder,
      models: { encoder: context.encoder, projector, predictor },
      optimizers: { optimizer },
      step: ({ images, seed }) =>
        tf.tidy(() => {
          const x = tf.concat(views(context, images, seed));
          return minimizeStep(optimizer, vars, () => {
            const z = train<tf.Tensor2D>(projector, train(context.encoder, x));
            const [p1, p2] = halves<tf.Tensor2D>(train(predictor, z));
            const [z1, z2] = halves<tf.Tensor2D>(z);
            return tf.mul(
              0.5,
              tf.add(negativeCosineSimilarity(p1, z2), negativeCosineSimilarity(p2, z1)),
            ) as tf.Scalar;
          });
        }),
      dispose: () => {
        projector.dispose();
        predictor.dispose();
        optimizer.dispose();
      },
    };
  },
};
