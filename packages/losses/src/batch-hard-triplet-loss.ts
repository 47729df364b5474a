import * as tf from '@tensorflow/tfjs-core';
import { assertNonNegative } from './internal/validate';
import { assertRank } from '@tessera/core';
import type { Reduction, TensorLike1D } from '@tessera/core';
import { pairwiseEuclideanDistance } from './distances';
import { labelMasks } from './internal/label-masks';
import { extremePerRow } from './internal/extreme-per-row';
import { readLabels } from './internal/read-labels';
import { reduceLosses as reduce } from '@tessera/core';

/** Options of {@link batchHardTripletLoss}. */
export interface BatchHardTripletLossOptions {
  /** Margin m ≥ 0, or `'soft'` for the soft margin `softplus(d_ap − d_an)`. Default `0.3`. */
  margin?: number | 'soft';
  /** `'mean'` over anchors (default), `'sum'`, or `'none'` for `[batch]`. */
  reduction?: Reduction;
}

/**
 * Batch-hard triplet loss: for every anchor, its hardest positive (farthest sample of its class)
 * and hardest negative (nearest sample of another class), with Euclidean (not squared) distances:
 * `ℓ_a = max(0, m + max_p d(a, p) − min_n d(a, n))`, or `softplus(max_p d − min_n d)` with the soft margin.
 *
 * Reference: Hermans, Beyer & Leibe 2017, "In Defense of the Triplet Loss for Person
 * Re-Identification", https://arxiv.org/abs/1703.07737.
 *
 * @param embeddings - Shape `[batch, dim]`; a P×K batch (P classes, K ≥ 2 samples each).
 * @param labels - Class of each row, int, shape `[batch]`.
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} on bad shapes, margin < 0, or an anchor without a positive
 *   or a negative in the batch.
 * @category Metric learning
 */
export function batchHardTripletLoss(
  embeddings: tf.Tensor2D,
  labels: tf.Tensor1D | TensorLike1D,
  { margin = 0.3, reduction = 'mean' }: BatchHardTripletLossOptions = {},
): tf.Tensor {
  const fn = 'batchHardTripletLoss';
  assertRank(embeddings, 2, fn, 'embeddings');
  if (margin !== 'soft') {
    assertNonNegative(margin, fn, 'margin');
  }
  const n = embeddings.shape[0];
  const masks = labelMasks(readLabels(labels, n, fn), fn);
  return tf.tidy(() => {
    const d = pairwiseEuclideanDistance(embeddings, embeddings);
    const positives = tf.mul(d, tf.tensor2d(masks.positive, [n, n])) as tf.Tensor2D;
    const hardestPositive = extremePerRow(positives, 'max');
    const isNegative = tf.cast(tf.tensor2d(masks.negative, [n, n]), 'bool');
    const negatives = tf.where(isNegative, d, tf.fill([n, n], Number.MAX_VALUE)) as tf.Tensor2D;
    const hardestNegative = extremePerRow(negatives, 'min');
    const gap = tf.sub(hardestPositive, hardestNegative);
    const perAnchor = margin === 'soft' ? tf.softplus(gap) : tf.relu(tf.add(gap, margin));
    return reduce(perAnchor, reduction, fn);
  });
}
