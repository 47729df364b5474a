import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { assertOneOf, assertPositive, l2Normalize } from '@tessera/core';
import {
  batchAllTripletLoss,
  batchHardTripletLoss,
  contrastiveLoss,
  tripletMarginLoss,
} from '@tessera/losses';
import { denseDefaults, minimizeStep, train, trainableVariables, views } from './shared';
import type { PretrainMethod } from './types';
import {
  defaultSamplesPerClass,
  failSiamese,
  pkBatches,
  samplePairs,
  sampleTriplets,
  withPartners,
} from './siamese-batches';

/** Options of {@link siamese} (and of `trainSiamese`). @category Methods */
export interface SiameseOptions {
  /**
   * - `'bce'`: Koch et al. 2015 — pairs, a dense layer on |e₁ − e₂| gives a same/different logit,
   *   sigmoid cross-entropy;
   * - `'contrastive'`: Hadsell et al. 2006 — pairs, `y·d² + (1 − y)·max(0, m − d)²` on
   *   L2-normalised embeddings;
   * - `'triplet'`: Schroff et al. 2015 — `max(0, d(a, p) − d(a, n) + m)` on L2-normalised embeddings.
   * Default `'triplet'`.
   */
  loss: 'bce' | 'contrastive' | 'triplet';
  /**
   * Triplets only: `'none'` (one random positive and negative per anchor), `'batch-hard'` (the
   * hardest positive and negative in the batch, Hermans et al. 2017) or `'batch-all'` (every valid
   * triplet, averaged over the positive ones). Default `'batch-all'` for triplets, `'none'`
   * otherwise: batch-hard from a random start can collapse every embedding to one point (the loss
   * then sits at the margin and the encoder stops learning); batch-all averages over every valid
   * triplet and keeps learning.
   */
  mining: 'none' | 'batch-hard' | 'batch-all';
  /** Margin m. Default `1` for `'contrastive'`, `0.3` for `'triplet'`. */
  margin: number;
  /** Embed augmented images (the run's augmentation) rather than the images as they are. Default `true`. */
  augmented: boolean;
  /**
   * K of P×K batches (Hermans et al. 2017): each batch is `batchSize / K` classes with K images
   * each (`classBalancedSampler` of `@tessera/data`), so every anchor has positives and negatives.
   * Default with batch-hard or batch-all mining: `4`, or the smallest larger divisor of the batch
   * when `batchSize / 4` exceeds the classes (batch 64 on MNIST: 8 classes × 8); without mining,
   * `0` (random batches) unless set.
   */
  samplesPerClass: number;
}

/**
 * Siamese / metric learning for few-shot encoders, from labelled batches: pairs for `'bce'` and
 * `'contrastive'`, triplets for `'triplet'` (random, batch-hard or batch-all), formed inside each
 * (seeded, shuffled) batch; one forward pass embeds the batch and the pairs and triplets index
 * into it. Batches are drawn at random, so a batch needs several images per class (with 10
 * classes, a batch of 64 has about 6 of each); anchors without a partner are left out of the step.
 * The encoder is the representation, ready for prototype (C-way K-shot) evaluation.
 * @category Methods
 */
export const siamese: PretrainMethod<SiameseOptions> = {
  name: 'siamese',
  family: 'contrastive',
  summary:
    'Siamese networks: pair BCE, contrastive or triplet loss (with batch-hard / batch-all mining)',
  requiresLabels: true,
  minBatchSize: 2,
  usesEncoder: true,
  resizableViews: true,
  create(context, options = {}) {
    const loss = options.loss ?? 'triplet';
    assertOneOf(loss, ['bce', 'contrastive', 'triplet'], 'siamese', 'loss');
    const mining = options.mining ?? (loss === 'triplet' ? 'batch-all' : 'none');
    assertOneOf(mining, ['none', 'batch-hard', 'batch-all'], 'siamese', 'mining');
    if (loss !== 'triplet' && mining !== 'none')
      failSiamese(
        'mining',
        `mining '${mining}' needs loss 'triplet'; '${loss}' trains on pairs (use mining 'none').`,
      );
    const margin = options.margin ?? (loss === 'contrastive' ? 1 : 0.3);
    assertPositive(margin, 'siamese', 'margin');
    const augmented = options.augmented ?? true;
    const batchIndices = pkBatches(
      context,
      options.samplesPerClass ??
        (mining === 'none' ? 0 : defaultSamplesPerClass(context.batchSize, context.labels)),
    );
    const head =
      loss === 'bce'
        ? tfl.sequential({
            name: 'siamese_head',
            layers: [
              tfl.layers.dense({
                inputShape: [context.featureDim],
                units: 1,
                ...denseDefaults(context, context.featureDim),
              }),
            ],
          })
        : null;
    const optimizer = context.createOptimizer();
    const vars = trainableVariables(context.encoder, ...(head ? [head] : []));
    return {
      representation: context.encoder,
      models: (head ? { encoder: context.encoder, head } : { encoder: context.encoder }) as Record<
        string,
        tfl.LayersModel
      >,
      optimizers: { optimizer },
      ...(batchIndices ? { batchIndices } : {}),
      step: ({ images, labels, labelValues, seed }) =>
        tf.tidy(() => {
          if (!labels || !labelValues)
            return failSiamese('data', 'siamese needs labelled data (data.labels).');
          const x = augmented ? (views(context, images, seed, 1)[0] as tf.Tensor4D) : images;
          const pairSeed = (seed ^ 0x3c6ef372) >>> 0;
          if (loss === 'triplet' && mining !== 'none') {
            // Mining needs a positive and a negative for every anchor: keep the rows whose label
            // appears at least twice in the batch.
            const keep = withPartners(labelValues);
            if (keep.length === 0) return tf.scalar(0);
            const rows = tf.tensor1d(keep, 'int32');
            const kept = tf.tensor1d(
              Int32Array.from(keep, (r) => labelValues[r] as number),
              'int32',
            );
            return minimizeStep(optimizer, vars, () => {
              const e = tf.gather(l2Normalize(train<tf.Tensor2D>(context.encoder, x)), rows);
              return (
                mining === 'batch-hard'
                  ? batchHardTripletLoss(e, kept, { margin })
                  : batchAllTripletLoss(e, kept, { margin })
              ) as tf.Scalar;
            });
          }
          if (loss === 'triplet') {
            const t = sampleTriplets(labelValues, pairSeed);
            if (t.anchors.length === 0) return tf.scalar(0);
            return minimizeStep(optimizer, vars, () => {
              const e = l2Normalize(train<tf.Tensor2D>(context.encoder, x));
              const pick = (idx: number[]) => tf.gather(e, tf.tensor1d(idx, 'int32'));
              return tripletMarginLoss(pick(t.anchors), pick(t.positives), pick(t.negatives), {
                margin,
              }) as tf.Scalar;
            });
          }
          const p = samplePairs(labelValues, pairSeed);
          if (p.a.length === 0) return tf.scalar(0);
          return minimizeStep(optimizer, vars, () => {
            const raw = train<tf.Tensor2D>(context.encoder, x);
            const e = loss === 'contrastive' ? l2Normalize(raw) : raw;
            const ea = tf.gather(e, tf.tensor1d(p.a, 'int32'));
            const eb = tf.gather(e, tf.tensor1d(p.b, 'int32'));
            if (loss === 'contrastive')
              return contrastiveLoss(ea, eb, tf.tensor1d(p.same, 'float32'), {
                margin,
              }) as tf.Scalar;
            const logits = train<tf.Tensor2D>(head as tfl.LayersModel, tf.abs(tf.sub(ea, eb)));
            return tf.losses.sigmoidCrossEntropy(
              tf.tensor2d(p.same, [p.same.length, 1]),
              logits,
            ) as tf.Scalar;
          });
        }),
      dispose: () => {
        head?.dispose();
        optimizer.dispose();
      },
    };
  },
};
