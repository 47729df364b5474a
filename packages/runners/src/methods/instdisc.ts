import * as tf from '@tensorflow/tfjs-core';
import {
  assertInRange,
  assertInteger,
  assertOneOf,
  assertPositive,
  l2Normalize,
} from '@tessera/core';
import { memoryBankLoss } from '@tessera/losses';
import { MemoryBank } from '@tessera/models';
import * as tfl from '@tensorflow/tfjs-layers';
import { denseDefaults, minimizeStep, train, trainableVariables, views } from './shared';
import type { MethodContext, PretrainMethod } from './types';

/** Options of {@link instdisc}. @category Methods */
export interface InstdiscOptions {
  /** Temperature of the non-parametric softmax. Default `0.07`. */
  temperature: number;
  /** Weight of the stored feature in a memory-bank update. Default `0.5`. */
  momentum: number;
  /** Width of the stored features. Default `128`. */
  featureDim: number;
  /**
   * What the memory bank starts from. `'features'` (default, when the run can read its images):
   * every image's feature under the initial encoder (inference mode, no augmentation), so the first
   * epoch already pulls each view toward a real feature of its image and away from other images'.
   * `'random'`: random unit vectors, as the paper — the first epoch then pulls every view toward
   * noise, which in a run shorter than an epoch leaves the encoder worse than it started.
   * A resumed run skips the pass over the images and takes the bank from its checkpoint.
   */
  bankInit: 'features' | 'random';
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
  resizableViews: true,
  create(
    context,
    { temperature = 0.07, momentum = 0.5, featureDim = 128, bankInit = 'features' } = {},
  ) {
    assertPositive(temperature, 'instdisc', 'temperature');
    assertInRange(momentum, 0, 1, 'instdisc', 'momentum');
    assertInteger(featureDim, 'instdisc', 'featureDim', { min: 1 });
    assertOneOf(bankInit, ['features', 'random'], 'instdisc', 'bankInit');
    const embed = tfl.sequential({
      name: 'instdisc_embedding',
      layers: [
        tfl.layers.dense({
          inputShape: [context.featureDim],
          units: featureDim,
          ...denseDefaults(context, context.featureDim),
        }),
      ],
    });
    const bank = new MemoryBank({
      size: context.datasetSize,
      dim: featureDim,
      momentum,
      seed: context.seed,
    });
    if (bankInit === 'features' && context.readImages && !context.restoring)
      bank.setState({
        size: bank.size,
        dim: bank.dim,
        momentum,
        values: initialFeatures(context, embed, featureDim),
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

/** Every training image's L2-normalised embedding under the initial encoder, `[N·dim]`. */
function initialFeatures(
  context: MethodContext,
  embed: tfl.LayersModel,
  dim: number,
): Float32Array {
  const n = context.datasetSize;
  const values = new Float32Array(n * dim);
  for (let start = 0; start < n; start += 500) {
    const end = Math.min(n, start + 500);
    const f = tf.tidy(() => {
      const h = context.encoder.predict(context.readImages!(start, end)) as tf.Tensor2D;
      return l2Normalize(embed.predict(h) as tf.Tensor2D);
    });
    values.set(f.dataSync(), start * dim);
    f.dispose();
  }
  return values;
}
