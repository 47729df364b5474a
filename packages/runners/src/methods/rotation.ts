import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { rotationTask } from '@tessera/augment';
import { denseDefaults, minimizeStep, train, trainableVariables, views } from './shared';
import type { PretrainMethod } from './types';

/**
 * Rotation prediction (Gidaris et al. 2018, https://arxiv.org/abs/1803.07728): every (augmented)
 * image is turned by 0°, 90°, 180° and 270°, and a linear head on the encoder classifies the angle
 * (cross-entropy over the 4B rows).
 * @category Methods
 */
export const rotation: PretrainMethod = {
  name: 'rotation',
  family: 'pretext',
  summary: 'Rotation prediction (Gidaris et al. 2018): classify 0/90/180/270°',
  requiresLabels: false,
  minBatchSize: 1,
  usesEncoder: true,
  resizableViews: true,
  create(context) {
    const classifier = tfl.sequential({
      name: 'rotation_classifier',
      layers: [
        tfl.layers.dense({
          inputShape: [context.featureDim],
          units: 4,
          ...denseDefaults(context, context.featureDim),
        }),
      ],
    });
    const optimizer = context.createOptimizer();
    const vars = trainableVariables(context.encoder, classifier);
    return {
      representation: context.encoder,
      models: { encoder: context.encoder, classifier },
      optimizers: { optimizer },
      step: ({ images, seed }) =>
        tf.tidy(() => {
          const [v] = views(context, images, seed, 1) as [tf.Tensor4D];
          const task = rotationTask(v);
          const targets = tf.oneHot(task.labels, 4);
          return minimizeStep(
            optimizer,
            vars,
            () =>
              tf.losses.softmaxCrossEntropy(
                targets,
                train(classifier, train(context.encoder, task.images)),
              ) as tf.Scalar,
          );
        }),
      dispose: () => {
        classifier.dispose();
        optimizer.dispose();
      },
    };
  },
};
