import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import {
  assertOneOf,
  assertPositive,
  createRng,
  InvalidArgumentError,
  l2Normalize,
} from '@tessera/core';
import {
  batchAllTripletLoss,
  batchHardTripletLoss,
  contrastiveLoss,
  tripletMarginLoss,
} from '@tessera/losses';
import { classBalancedSampler } from '@tessera/data';
import { denseDefaults, minimizeStep, train, trainableVariables, views } from './shared';
import type { MethodContext, PretrainMethod } from './types';

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
   * then sits at the margin and the encoder stops learning) — it did in a one-minute MNIST run, kNN
   * 1.35 points below its start, where batch-all from the same start gained 8.25.
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
 * The default K: 4 images per class, or more when the batch would need more classes than the data
 * has (batch 64 on MNIST's 10 classes: 8 classes × 8), the smallest K ≥ 4 dividing the batch.
 */
function defaultSamplesPerClass(batchSize: number, labels: Int32Array | undefined): number {
  if (!labels) return 4;
  const counts = new Map<number, number>();
  for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  for (let k = 4; k <= batchSize / 2; k++) {
    if (batchSize % k !== 0) continue;
    let classes = 0;
    for (const c of counts.values()) if (c >= k) classes++;
    if (batchSize / k <= classes) return k;
  }
  return 4; // nothing fits: pkBatches says why
}

/** P×K batch indices for step seeds, or `undefined` for K = 0 (random batches). */
function pkBatches(
  context: MethodContext,
  k: number,
): ((step: number, seed: number) => Int32Array) | undefined {
  if (k === 0) return undefined;
  if (!Number.isInteger(k) || k < 2)
    fail(
      'samplesPerClass',
      `samplesPerClass must be 0 (random batches) or an integer ≥ 2, got ${k}.`,
    );
  const { batchSize, labels } = context;
  if (batchSize % k !== 0 || batchSize / k < 2)
    fail(
      'samplesPerClass',
      `batchSize (${batchSize}) must be a multiple of samplesPerClass (${k}) with at least 2 classes per batch.`,
    );
  if (!labels) return fail('data', 'siamese needs labelled data (data.labels).');
  // validates now (enough classes with K items), not at the first step
  classBalancedSampler({ labels, classesPerBatch: batchSize / k, samplesPerClass: k });
  return (_step, seed) =>
    classBalancedSampler({
      labels,
      classesPerBatch: batchSize / k,
      samplesPerClass: k,
      seed: seed % 0x7fffffff,
    }).sample();
}

/** Pairs (i, j) within the batch: half with the same label, half with another (when possible). */
function samplePairs(labels: Int32Array, seed: number) {
  const rng = createRng(seed);
  const n = labels.length;
  const a: number[] = [];
  const b: number[] = [];
  const same: number[] = [];
  for (let i = 0; i < n; i++) {
    const wantSame = rng.next() < 0.5;
    const pool: number[] = [];
    for (let j = 0; j < n; j++) if (j !== i && (labels[j] === labels[i]) === wantSame) pool.push(j);
    if (pool.length === 0) continue;
    a.push(i);
    b.push(pool[Math.floor(rng.next() * pool.length)] as number);
    same.push(wantSame ? 1 : 0);
  }
  return { a, b, same };
}

/** One random (anchor, positive, negative) per anchor that has both in the batch. */
function sampleTriplets(labels: Int32Array, seed: number) {
  const rng = createRng(seed);
  const n = labels.length;
  const anchors: number[] = [];
  const positives: number[] = [];
  const negatives: number[] = [];
  for (let i = 0; i < n; i++) {
    const pos: number[] = [];
    const neg: number[] = [];
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      (labels[j] === labels[i] ? pos : neg).push(j);
    }
    if (pos.length === 0 || neg.length === 0) continue;
    anchors.push(i);
    positives.push(pos[Math.floor(rng.next() * pos.length)] as number);
    negatives.push(neg[Math.floor(rng.next() * neg.length)] as number);
  }
  return { anchors, positives, negatives };
}

/** Rows whose label appears at least twice, when at least two such labels exist; else none. */
function withPartners(labels: Int32Array): number[] {
  const count = new Map<number, number>();
  for (const l of labels) count.set(l, (count.get(l) ?? 0) + 1);
  const rows = [...labels.keys()].filter((r) => (count.get(labels[r] as number) ?? 0) >= 2);
  return new Set(rows.map((r) => labels[r])).size >= 2 ? rows : [];
}

const fail = (argument: string, detail: string): never => {
  throw new InvalidArgumentError({ functionName: 'siamese', argument, detail });
};

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
  create(context, options = {}) {
    const loss = options.loss ?? 'triplet';
    assertOneOf(loss, ['bce', 'contrastive', 'triplet'], 'siamese', 'loss');
    const mining = options.mining ?? (loss === 'triplet' ? 'batch-all' : 'none');
    assertOneOf(mining, ['none', 'batch-hard', 'batch-all'], 'siamese', 'mining');
    if (loss !== 'triplet' && mining !== 'none')
      fail(
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
            return fail('data', 'siamese needs labelled data (data.labels).');
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
