import * as tf from '@tensorflow/tfjs-core';
import { reduceLosses as reduce } from '@tessera/core';
import type { NegativeCosineSimilarityOptions } from './negative-cosine-similarity';
import { cosineToTarget } from './internal/cosine-to-target';

import { assertPairOfEmbeddings } from './internal/validate';

/**
 * BYOL's loss: `‖l2n(p) − l2n(stopgrad(z))‖² = 2 − 2·cos(p, z)`, averaged over the batch; the
 * symmetric objective is `byolLoss(p1, z2) + byolLoss(p2, z1)`.
 *
 * Reference: Grill et al. 2020, "Bootstrap Your Own Latent", https://arxiv.org/abs/2006.07733.
 *
 * @param p - Online predictions, shape `[batch, dim]`.
 * @param z - Target projections, shape `[batch, dim]` (treated as constants).
 * @category Non-contrastive
 */
export function byolLoss(
  p: tf.Tensor2D,
  z: tf.Tensor2D,
  { reduction = 'mean' }: NegativeCosineSimilarityOptions = {},
): tf.Tensor {
  const fn = 'byolLoss';
  assertPairOfEmbeddings(p, z, fn, 'p', 'z');
  return tf.tidy(() => reduce(tf.sub(2, tf.mul(cosineToTarget(p, z), 2)), reduction, fn));
}
