import * as tf from '@tensorflow/tfjs-core';
import { assertInteger } from '@tessera/core';
import { barlowTwinsLoss, vicRegLoss } from '@tessera/losses';
import { projectionHead } from '@tessera/models';
import { headDefaults, minimizeStep, train, trainableVariables, views } from './shared';
import type { MethodFamily, PretrainMethod } from './types';

/** Options of {@link barlowTwins} and {@link vicreg}. @category Methods */
export interface TwinOptions {
  /** Width of the projector (these losses like it wide). Default `512`. */
  projectionDim: number;
}

/** A two-view method whose loss reads the two projections' batch statistics. */
function twinMethod(
  name: string,
  family: MethodFamily,
  summary: string,
  loss: (z1: tf.Tensor2D, z2: tf.Tensor2D) => tf.Scalar,
): PretrainMethod<TwinOptions> {
  return {
    name,
    family,
    summary,
    requiresLabels: false,
    minBatchSize: 2,
    usesEncoder: true,
    resizableViews: true,
    create(context, { projectionDim = 512 } = {}) {
      assertInteger(projectionDim, name, 'projectionDim', { min: 1 });
      const projector = projectionHead({
        ...headDefaults(context),
        inputDim: context.featureDim,
        hiddenDim: projectionDim,
        outputDim: projectionDim,
        name: `${name.replace('-', '_')}_projector`,
      });
      const optimizer = context.createOptimizer();
      const vars = trainableVariables(context.encoder, projector);
      return {
        representation: context.encoder,
        models: { encoder: context.encoder, projector },
        optimizers: { optimizer },
        step: ({ images, seed }) =>
          tf.tidy(() => {
            const [v1, v2] = views(context, images, seed) as [tf.Tensor4D, tf.Tensor4D];
            return minimizeStep(optimizer, vars, () => {
              // each view's own forward pass: batch norm statistics per view, as both papers do
              const z1 = train<tf.Tensor2D>(projector, train(context.encoder, v1));
              const z2 = train<tf.Tensor2D>(projector, train(context.encoder, v2));
              return loss(z1, z2);
            });
          }),
        dispose: () => {
          projector.dispose();
          optimizer.dispose();
        },
      };
    },
  };
}

/**
 * Barlow Twins (Zbontar et al. 2021, https://arxiv.org/abs/2103.03230): the cross-correlation of
 * the two views' standardised projections is pushed to the identity (λ = 0.0051).
 * @category Methods
 */
export const barlowTwins = twinMethod(
  'barlow-twins',
  'non-contrastive',
  'Barlow Twins (Zbontar et al. 2021): cross-correlation to the identity',
  (z1, z2) => barlowTwinsLoss(z1, z2) as tf.Scalar,
);

/**
 * VICReg (Bardes et al. 2022, https://arxiv.org/abs/2105.04906): invariance (MSE between views),
 * variance (a hinge on each dimension's std) and covariance (off-diagonal) terms, 25/25/1.
 * @category Methods
 */
export const vicreg = twinMethod(
  'vicreg',
  'non-contrastive',
  'VICReg (Bardes et al. 2022): variance, invariance, covariance',
  (z1, z2) => vicRegLoss(z1, z2) as tf.Scalar,
);
