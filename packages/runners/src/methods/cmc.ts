import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { assertOneOf, assertPositive, InvalidArgumentError } from '@tessera/core';
import { multiView, type Transform } from '@tessera/augment';
import { multiViewContrastiveLoss, type MultiViewMode } from '@tessera/losses';
import { projectionHead } from '@tessera/models';
import { headDefaults, minimizeStep, train, trainableVariables } from './shared';
import type { PretrainMethod } from './types';

/** Options of {@link cmc}. @category Methods */
export interface CmcOptions {
  /**
   * One augmentation family per view (at least 2). Default: two independent draws of the run's
   * augmentation. For grayscale data pass two different families, e.g. a geometric and a
   * photometric pipeline.
   */
  families: readonly Transform[];
  /** `'core-view'` (every view against the first) or `'full-graph'` (all pairs). Default `'full-graph'`. */
  mode: MultiViewMode;
  /** Temperature of the pairwise InfoNCE terms. Default `0.07`. */
  temperature: number;
  /** Output width of each view's projection head. Default `128`. */
  projectionDim: number;
}

/**
 * Contrastive Multiview Coding (Tian et al. 2019, https://arxiv.org/abs/1906.05849): every view
 * has its own encoder (the first is the run's encoder; the others share its architecture with
 * their own weights) and projection head, and a pairwise InfoNCE with in-batch negatives pulls
 * the views of one image together — between the first view and each other view (`core-view`) or
 * between all pairs (`full-graph`). The first view's encoder is the representation. CMC's original
 * views are an image's L and ab channels; on grayscale data the views are augmentation families.
 * @category Methods
 */
export const cmc: PretrainMethod<CmcOptions> = {
  name: 'cmc',
  family: 'contrastive',
  summary:
    'CMC (Tian et al. 2019): one encoder per view, pairwise InfoNCE (core-view or full graph)',
  requiresLabels: false,
  minBatchSize: 2,
  usesEncoder: true,
  resizableViews: true,
  create(context, { families, mode = 'full-graph', temperature = 0.07, projectionDim = 128 } = {}) {
    assertPositive(temperature, 'cmc', 'temperature');
    assertOneOf(mode, ['core-view', 'full-graph'], 'cmc', 'mode');
    const views = families ?? [context.augment, context.augment];
    if (!Array.isArray(views) || views.length < 2)
      throw new InvalidArgumentError({
        functionName: 'cmc',
        argument: 'families',
        detail: `families must list at least 2 augmentations (one per view), got ${Array.isArray(views) ? views.length : typeof views}.`,
      });
    const cls = context.encoder.constructor as unknown as {
      fromConfig: (c: unknown, config: unknown) => tfl.LayersModel;
    };
    const encoders = [
      context.encoder,
      ...views
        .slice(1)
        .map(() => cls.fromConfig(context.encoder.constructor, context.encoder.getConfig())),
    ];
    const heads = views.map((_, k) =>
      projectionHead({
        ...headDefaults(context),
        inputDim: context.featureDim,
        hiddenDim: context.featureDim,
        outputDim: projectionDim,
        name: `cmc_head_${k}`,
      }),
    );
    const augmentViews = multiView(views);
    const optimizer = context.createOptimizer();
    const vars = trainableVariables(...encoders, ...heads);
    const models: Record<string, tfl.LayersModel> = {};
    encoders.forEach((e, k) => (models[k === 0 ? 'encoder' : `encoder_${k}`] = e));
    heads.forEach((h, k) => (models[`head_${k}`] = h));
    return {
      representation: context.encoder,
      models,
      optimizers: { optimizer },
      step: ({ images, seed }) =>
        tf.tidy(() => {
          const start = performance.now();
          const inputs = augmentViews(images, { seed });
          context.recordAugmentSeconds?.((performance.now() - start) / 1000);
          return minimizeStep(optimizer, vars, () => {
            const z = inputs.map((x, k) => train<tf.Tensor2D>(heads[k]!, train(encoders[k]!, x)));
            return multiViewContrastiveLoss(z, { temperature, mode });
          });
        }),
      dispose: () => {
        for (const e of encoders.slice(1)) e.dispose();
        for (const h of heads) h.dispose();
        optimizer.dispose();
      },
    };
  },
};
