import * as tf from '@tensorflow/tfjs-core';
import { assertInteger, assertPositive } from '@tessera/core';
import { reconstructionLoss, vaeKlDivergence } from '@tessera/losses';
import { autoencoder as buildAutoencoder, variationalAutoencoder } from '@tessera/models';
import * as tfl from '@tensorflow/tfjs-layers';
import { minimizeStep, train, trainableVariables } from './shared';
import type { PretrainMethod } from './types';

/** Options of {@link autoencoder} and {@link vae}. @category Methods */
export interface GenerativeOptions {
  /** Width of the code (the representation). Default `32`. */
  latentDim: number;
  /** Weight β of the KL term (VAE only; β-VAE for β ≠ 1). Default `1`. */
  beta: number;
}

/**
 * A convolutional autoencoder as a representation learner: stride-2 convolutions to a
 * `latentDim` code and back, trained by per-image summed binary cross-entropy on the pixels
 * (no augmentation). Its encoder — not the context's — is the representation.
 * @category Methods
 */
export const autoencoder: PretrainMethod<GenerativeOptions> = {
  name: 'autoencoder',
  family: 'generative',
  summary: 'Autoencoder: reconstruct the pixels through a small code',
  requiresLabels: false,
  minBatchSize: 1,
  usesEncoder: false,
  create(context, { latentDim = 32 } = {}) {
    assertInteger(latentDim, 'autoencoder', 'latentDim', { min: 1 });
    const ae = buildAutoencoder({ inputShape: context.inputShape, latentDim });
    const optimizer = context.createOptimizer();
    const vars = trainableVariables(ae.model);
    return {
      representation: ae.encoder,
      models: { autoencoder: ae.model },
      optimizers: { optimizer },
      step: ({ images }) =>
        minimizeStep(
          optimizer,
          vars,
          () => reconstructionLoss(images, train(ae.model, images), { kind: 'bce' }) as tf.Scalar,
        ),
      dispose: () => {
        ae.model.dispose();
        optimizer.dispose();
      },
    };
  },
};

/**
 * A variational autoencoder (Kingma & Welling 2014, https://arxiv.org/abs/1312.6114) as a
 * representation learner: the negative ELBO (summed Bernoulli reconstruction + β·KL) per image,
 * averaged over the batch; μ is the representation.
 * @category Methods
 */
export const vae: PretrainMethod<GenerativeOptions> = {
  name: 'vae',
  family: 'generative',
  summary: 'VAE (Kingma & Welling 2014): ELBO, μ is the representation',
  requiresLabels: false,
  minBatchSize: 1,
  usesEncoder: false,
  create(context, { latentDim = 32, beta = 1 } = {}) {
    assertInteger(latentDim, 'vae', 'latentDim', { min: 1 });
    assertPositive(beta, 'vae', 'beta');
    const model = variationalAutoencoder({ inputShape: context.inputShape, latentDim });
    // μ alone, sharing the encoder's weights: the representation
    const input = tfl.input({ shape: [...context.inputShape] });
    const [mu] = model.encoder.apply(input) as tfl.SymbolicTensor[];
    const representation = tfl.model({
      inputs: input,
      outputs: mu as tfl.SymbolicTensor,
      name: 'vae_mu',
    });
    const optimizer = context.createOptimizer();
    const vars = trainableVariables(model.encoder, model.decoder);
    return {
      representation,
      models: { encoder: model.encoder, decoder: model.decoder },
      optimizers: { optimizer },
      step: ({ images, seed }) =>
        minimizeStep(optimizer, vars, () => {
          const out = model.apply(images, { seed, training: true });
          return tf.add(
            reconstructionLoss(images, out.reconstructionLogits, { kind: 'bce' }),
            tf.mul(beta, vaeKlDivergence(out.mu, out.logVar)),
          ) as tf.Scalar;
        }),
      dispose: () => {
        model.dispose();
        optimizer.dispose();
      },
    };
  },
};
