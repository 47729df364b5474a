import * as tf from '@tensorflow/tfjs-core';
import { assertNonNegative } from './internal/validate';
import { assertRank } from '@tessera/core';
import type { TensorLike1D } from '@tessera/core';
import { pairwiseEuclideanDistance } from './distances';
import { labelMasks } from './internal/label-masks';
import { readLabels } from './internal/read-labels';

/** Options of {@link batchAllTripletLoss}. */
export interface BatchAllTripletLossOptions {
  /** Margin m ≥ 0. Default `0.3`. */
  margin?: number;
}

/**
 * Batch-all triplet loss: every valid triplet of the batch (a, p same class, p ≠ a; n another
 * class), `ℓ_apn = max(0, d(a, p) − d(a, n) + m)` with Euclidean distances, averaged over the
 * triplets whose loss is positive: `L = Σ ℓ / (#{ℓ > 1e-16} + 1e-16)` (0 when none is).
 *
 * Memory is O(batch³): fine for the usual P×K batches (≤ 256).
 *
 * Reference: Hermans et al. 2017 (batch all); the positive-triplet mean as in Moindrot's
 * implementation. The mean over all valid triplets is the other common reading.
 *
 * @param embeddings - Shape `[batch, dim]`.
 * @param labels - Class of each row, int, shape `[batch]`.
 * @returns Scalar loss.
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} on bad shapes, margin < 0, or an anchor without a positive
 *   or a negative in the batch.
 * @category Metric learning
 */
export function batchAllTripletLoss(
  embeddings: tf.Tensor2D,
  labels: tf.Tensor1D | TensorLike1D,
  { margin = 0.3 }: BatchAllTripletLossOptions = {},
): tf.Scalar {
  const fn = 'batchAllTripletLoss';
  assertRank(embeddings, 2, fn, 'embeddings');
  assertNonNegative(margin, fn, 'margin');
  const n = embeddings.shape[0];
  const masks = labelMasks(readLabels(labels, n, fn), fn);
  return tf.tidy(() => {
    const d = pairwiseEuclideanDistance(embeddings, embeddings);
    const gap = tf.add(tf.sub(tf.expandDims(d, 2), tf.expandDims(d, 1)), margin); // [a, p, n]
    const valid = tf.mul(
      tf.reshape(tf.tensor2d(masks.positive, [n, n]), [n, n, 1]),
      tf.reshape(tf.tensor2d(masks.negative, [n, n]), [n, 1, n]),
    );
    const losses = tf.mul(tf.relu(gap), valid);
    // tf.step (1 where > 0) has a zero gradient; tf.greater has none and would break tf.grad.
    const positiveCount = tf.sum(tf.step(tf.sub(losses, 1e-16)));
    return tf.div(tf.sum(losses), tf.add(positiveCount, 1e-16)) as tf.Scalar;
  });
}
