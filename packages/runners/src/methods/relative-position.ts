import * as tf from '@tensorflow/tfjs-core';
import { assertInteger, assertOneOf } from '@tessera/core';
import { relativePositionTask } from '@tessera/augment';
import { classifierHead, patchEncoder, tileRepresentationOr } from './patch-tiles';
import { minimizeStep, train, trainableVariables, views } from './shared';
import type { PretrainMethod } from './types';

/** Options of {@link relativePosition}. @category Methods */
export interface RelativePositionMethodOptions {
  /** Hidden width of the classifier. Default `256`. */
  hiddenDim: number;
  /**
   * What the run's representation is: `'tiles'` — the image's 3 × 3 patches (the training crops
   * without jitter, reading order) through the encoder, concatenated (`[N, 9·D]`) — or
   * `'encoder'`, the encoder on whole images. Default `'tiles'`: the encoder trains on patches,
   * and read on them it improves on its starting weights in kNN where on whole images it does
   * not (MNIST). Falls back to `'encoder'` when the encoder does not take patches at their own
   * size.
   */
  representation: 'tiles' | 'encoder';
}

/**
 * Context prediction (Doersch et al. 2015, https://arxiv.org/abs/1505.05192): the centre patch of
 * a 3 × 3 grid (with gaps and jitter) and one of its eight neighbours go through the encoder (as
 * one batch, at their own size when the encoder is fully convolutional, else resized to its input
 * size); a 2-layer head on the two concatenated features says
 * which of the eight positions the neighbour came from. The representation is the 9 patches'
 * features, concatenated (`representation: 'tiles'`), or the encoder on whole images.
 * @category Methods
 */
export const relativePosition: PretrainMethod<RelativePositionMethodOptions> = {
  name: 'relative-position',
  family: 'pretext',
  summary: 'Relative patch position (Doersch et al. 2015): which of 8 neighbours',
  requiresLabels: false,
  minBatchSize: 1,
  usesEncoder: true,
  create(context, { hiddenDim = 256, representation = 'tiles' } = {}) {
    assertInteger(hiddenDim, 'relative-position', 'hiddenDim', { min: 1 });
    assertOneOf(representation, ['tiles', 'encoder'], 'relative-position', 'representation');
    const head = classifierHead(
      context,
      'relative_position_classifier',
      2 * context.featureDim,
      hiddenDim,
      8,
    );
    const optimizer = context.createOptimizer();
    const vars = trainableVariables(context.encoder, head);
    const encode = patchEncoder(context);
    return {
      representation: tileRepresentationOr(context, 3, representation),
      models: { encoder: context.encoder, head },
      optimizers: { optimizer },
      step: ({ images, seed }) =>
        tf.tidy(() => {
          const [v] = views(context, images, seed, 1) as [tf.Tensor4D];
          const task = relativePositionTask(v, { seed: (seed ^ 0xbb67ae85) >>> 0 });
          const pair = tf.concat([task.center, task.neighbor]) as tf.Tensor4D;
          const targets = tf.oneHot(task.label, 8);
          return minimizeStep(optimizer, vars, () => {
            const [a, b] = tf.split(encode(pair), 2, 0);
            return tf.losses.softmaxCrossEntropy(
              targets,
              train(head, tf.concat([a!, b!], 1)),
            ) as tf.Scalar;
          });
        }),
      dispose: () => {
        head.dispose();
        optimizer.dispose();
      },
    };
  },
};
