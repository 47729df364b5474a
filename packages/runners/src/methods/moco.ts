import * as tf from '@tensorflow/tfjs-core';
import { assertInRange, assertInteger, assertPositive, l2Normalize } from '@tessera/core';
import { infoNceLoss } from '@tessera/losses';
import { FeatureQueue, MomentumEncoder, projectionHead } from '@tessera/models';
import { headDefaults, minimizeStep, stack, train, trainableVariables, views } from './shared';
import type { PretrainMethod } from './types';

/** Options of {@link moco}. @category Methods */
export interface MocoOptions {
  /** InfoNCE temperature. Default `0.2` (MoCo v2). */
  temperature: number;
  /** Keys kept as negatives. Default `4096` (the paper's 65 536 is for ImageNet). */
  queueSize: number;
  /** EMA momentum of the key encoder. Default `0.99`. */
  momentum: number;
  /** Output width of the projection head. Default `128`. */
  projectionDim: number;
}

/**
 * MoCo v2 (He et al. 2020, https://arxiv.org/abs/1911.05722; Chen et al. 2020): a query encoder
 * (encoder + MLP head) trained by InfoNCE against the key of the other view from a momentum (EMA)
 * copy, with a FIFO queue of past keys as negatives. The key encoder and the queue are updated after
 * every step.
 * @category Methods
 */
export const moco: PretrainMethod<MocoOptions> = {
  name: 'moco',
  family: 'contrastive',
  summary: 'MoCo v2 (He et al. 2020): momentum key encoder, queue of negatives, InfoNCE',
  requiresLabels: false,
  minBatchSize: 2,
  usesEncoder: true,
  resizableViews: true,
  create(
    context,
    { temperature = 0.2, queueSize = 4096, momentum = 0.99, projectionDim = 128 } = {},
  ) {
    assertPositive(temperature, 'moco', 'temperature');
    assertInteger(queueSize, 'moco', 'queueSize', { min: 1 });
    assertInRange(momentum, 0, 1, 'moco', 'momentum');
    const head = projectionHead({
      ...headDefaults(context),
      inputDim: context.featureDim,
      hiddenDim: context.featureDim,
      outputDim: projectionDim,
      name: 'moco_head',
    });
    const online = stack('moco_query', context.inputShape, context.encoder, head);
    const target = new MomentumEncoder(online, { momentum });
    const queue = new FeatureQueue({ size: queueSize, dim: projectionDim, seed: context.seed });
    const optimizer = context.createOptimizer();
    const vars = trainableVariables(context.encoder, head);
    return {
      representation: context.encoder,
      models: { encoder: context.encoder, head, key: target.model },
      optimizers: { optimizer },
      step: ({ images, seed, step }) => {
        const [loss, keys] = tf.tidy(() => {
          const [v1, v2] = views(context, images, seed) as [tf.Tensor4D, tf.Tensor4D];
          const k = l2Normalize(target.model.apply(v2, { training: true }) as tf.Tensor2D);
          const negatives = queue.tensor();
          const l = minimizeStep(
            optimizer,
            vars,
            () => infoNceLoss(train(online, v1), k, negatives, { temperature }) as tf.Scalar,
          );
          return [l, k];
        });
        target.update(step);
        queue.enqueue(keys);
        keys.dispose();
        return loss;
      },
      getState: () => {
        const s = queue.getState();
        return {
          tensors: { queue: tf.tensor2d(s.values, [s.size, s.dim]) },
          json: { pointer: s.pointer },
        };
      },
      setState: ({ tensors, json }) => {
        const values = (tensors.queue as tf.Tensor).dataSync() as Float32Array;
        const { pointer } = json as { pointer: number };
        queue.setState({ size: queueSize, dim: projectionDim, pointer, values });
      },
      dispose: () => {
        queue.dispose();
        target.model.dispose();
        head.dispose();
        optimizer.dispose();
      },
    };
  },
};
