import * as tf from '@tensorflow/tfjs-core';
import { reduceLosses as reduce } from '@tessera/core';
import type { Reduction } from '@tessera/core';

import { cosineToTarget } from './internal/cosine-to-target';
import { assertPairOfEmbeddings } from './internal/validate';

/** Options of {@link negativeCosineSimilarity} and `byolLoss`. */
export interface NegativeCosineSimilarityOptions {
  /** `'mean'` (default), `'sum'`, or `'none'` for `[batch]`. */
  reduction?: Reduction;
}

/**
 * SimSiam's loss: `D(p, z) = −cos(p, stopgrad(z))`, averaged over the batch. No gradient flows into
 * `z` (the target branch). The symmetric SimSiam objective is `½·D(p1, z2) + ½·D(p2, z1)`.
 *
 * Reference: Chen & He 2021, "Exploring Simple Siamese Representation Learning", https://arxiv.org/abs/2011.10566.
 *
 * @param p - Predictor outputs, shape `[batch, dim]`.
 * @param z - Target projections, shape `[batch, dim]` (treated as constants).
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} on rank or shape mismatch.
 * @category Non-contrastive
 */
export function negativeCosineSimilarity(
  p: tf.Tensor2D,
  z: tf.Tensor2D,
  { reduction = 'mean' }: NegativeCosineSimilarityOptions = {},
): tf.Tensor {
  const fn = 'negativeCosineSimilarity';
  assertPairOfEmbeddings(p, z, fn, 'p', 'z');
  return tf.tidy(() => reduce(tf.neg(cosineToTarget(p, z)), reduction, fn));
}
