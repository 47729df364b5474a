import * as tf from '@tensorflow/tfjs-core';
import { assertInRange, assertInteger, assertPositive, l2Normalize } from '@tessera/core';
import { memoryBankLoss } from '@tessera/losses';
import { MemoryBank } from '@tessera/models';
import * as tfl from '@tensorflow/tfjs-layers';
import { minimizeStep, train, trainableVariables, views } from './shared';
import type { PretrainMethod } from './types';

/** Options of {@link instdisc}. @category Methods */
export interface InstdiscOptions {
  /** Temperature of the non-parametric softmax. Default `0.07`. */
  temperature: number;
  /** Weight of the stored feature in a memory-bank update. Default `0.5`. */
  momentum: number;
  /** Width of the stored features. Default `128`. */
  featureDim: number;
}

/**
 * Instance discrimination (Wu et al. 2018, https://arxiv.org/abs/1805.01978): every training image
 * is its own class; its L2-normalised feature is scored against a memory bank holding one feature per
 * image (non-parametric softmax at τ), and the bank row is then moved toward the new feature
 * (`v ← l2n(m·v + (1 − m)·f)`). One augmented view per image.
 * @category Methods
 */
export const instdisc: PretrainMethod<InstdiscOptions> = {
  name: 'instdisc',
  family: 'contrastive',
  summary: 'InstDisc (Wu et al. 2018): memory bank, non-parametric softmax',
  requiresLabels: false,
  minBatchSize: 1,
  usesEncoder: true,
  create(context, { temperature = 0.07, momentum = 0.5, featureDim = 128 } = {}) {
    assertPositive(temperature, 'instdisc', 'temperature');
    assertInRange(momentum, 0, 1, 'instdisc', 'momentum');
    assertInteger(featureDim, 'instdisc', 'featureDim', { min: 1 });
    const embed = tfl.sequential({
      name: 'instdisc_embedding',
      layers: [tfl.layers.dense({ inputShape: [context.featureDim], units: featureDim })],
    });
    const bank = new MemoryBank({
      size: context.datasetSize,
      dim: featureDim,
      momentum,
      seed: context.seed,
    });
    const optimizer = context.createOptimizer();
    const vars = trainableVariables(context.encoder, embed);
    return {
      representation: context.encoder,
      models: { encoder: context.encoder, embed },
      optimizers: { optimizer },
      step: ({ images, indices, seed }) => {
        let features: tf.Tensor2D | undefined;
        try {
          const loss = tf.tidy(() => {
            const [v] = views(context, images, seed, 1) as [tf.Tensor4D];
            return minimizeStep(optimizer, vars, () => {
              const f = l2Normalize(train<tf.Tensor2D>(embed, train(context.encoder, v)));
              features = tf.keep(f);
              return memoryBankLoss(f, bank.tensor(), indices, {
                temperature,
                normalize: false,
              }) as tf.Scalar;
            });
          });
          bank.update(indices, features as tf.Tensor2D);
          return loss;
        } finally {
          if (features) features.dispose();
        }
      },
      getState: () => ({ tensors: { bank: tf.clone(bank.tensor()) } }),
      setState: ({ tensors }) =>
        bank.setState({
          size: bank.size,
          dim: bank.dim,
          momentum: bank.momentum,
          values: (tensors.bank as tf.Tensor).dataSync() as Float32Array,
        }),
      dispose: () => {
        bank.dispose();
        embed.dispose();
        optimizer.dispose();
      },
    };
  },
};
