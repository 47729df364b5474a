import * as tf from '@tensorflow/tfjs-core';
import { assertInteger, assertOneOf } from '@tessera/core';
import { ganDiscriminatorLoss, ganGeneratorLoss } from '@tessera/losses';
import { dcganDiscriminator, dcganGenerator } from '@tessera/models';
import { deriveSeed } from '../pretrain/seeds';
import { minimizeStep, train, trainableVariables } from './shared';
import type { PretrainMethod } from './types';

/** Options of {@link gan}. @category Methods */
export interface GanOptions {
  /** Width of the generator's latent vector. Default `64`. */
  latentDim: number;
  /** Filters of the discriminator's strided convolutions and of the generator's (`dcganGenerator`'s `filters`). Default `[32, 64]`. */
  filters: readonly number[];
  /**
   * The GAN objective: `'non-saturating'` (default: the discriminator's cross-entropy, and the
   * generator maximises log D(G(z))), `'minimax'` (the generator minimises log(1 − D(G(z)))) or
   * `'hinge'`.
   */
  loss: 'non-saturating' | 'minimax' | 'hinge';
}

/**
 * A DCGAN (Radford et al. 2015, https://arxiv.org/abs/1511.06434) as a representation learner:
 * each step is one discriminator update on a real batch and a generated one, then one generator
 * update on fresh latents; the discriminator's features before its real/fake logit are the
 * representation (the "GAN as feature learner" reading of the DCGAN paper). The step's loss is
 * the discriminator's loss plus the generator's. Trains its own networks (not the run's encoder);
 * images are used as they are, without augmentation.
 * @category Methods
 */
export const gan: PretrainMethod<GanOptions> = {
  name: 'gan',
  family: 'generative',
  summary: 'DCGAN (Radford et al. 2015): alternating D/G steps, discriminator features',
  requiresLabels: false,
  minBatchSize: 2,
  usesEncoder: false,
  create(context, { latentDim = 64, filters = [32, 64], loss = 'non-saturating' } = {}) {
    assertInteger(latentDim, 'gan', 'latentDim', { min: 1 });
    assertOneOf(loss, ['non-saturating', 'minimax', 'hinge'], 'gan', 'loss');
    const discriminator = dcganDiscriminator({ inputShape: context.inputShape, filters });
    const generator = dcganGenerator({
      latentDim,
      outputShape: context.inputShape,
      filters,
      activation: 'sigmoid',
    });
    const dOptimizer = context.createOptimizer();
    const gOptimizer = context.createOptimizer();
    const dVars = trainableVariables(discriminator.model);
    const gVars = trainableVariables(generator);
    const dKind = loss === 'hinge' ? 'hinge' : 'minimax';
    return {
      representation: discriminator.features,
      models: { discriminator: discriminator.model, generator },
      optimizers: { discriminator: dOptimizer, generator: gOptimizer },
      step: ({ images, seed }) =>
        tf.tidy(() => {
          const n = images.shape[0];
          const z1 = tf.randomNormal([n, latentDim], 0, 1, 'float32', deriveSeed(seed, 0, 1));
          const z2 = tf.randomNormal([n, latentDim], 0, 1, 'float32', deriveSeed(seed, 0, 2));
          const fake = tf.tidy(() => train<tf.Tensor4D>(generator, z1));
          const dLoss = minimizeStep(dOptimizer, dVars, () =>
            ganDiscriminatorLoss(
              train(discriminator.model, images),
              train(discriminator.model, fake),
              { kind: dKind },
            ),
          );
          const gLoss = minimizeStep(gOptimizer, gVars, () =>
            ganGeneratorLoss(train(discriminator.model, train(generator, z2)), { kind: loss }),
          );
          return tf.add(dLoss, gLoss) as tf.Scalar;
        }),
      dispose: () => {
        discriminator.model.dispose();
        generator.dispose();
        dOptimizer.dispose();
        gOptimizer.dispose();
      },
    };
  },
};
