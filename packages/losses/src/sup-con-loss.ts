import * as tf from '@tensorflow/tfjs-core';
import { assertRank, InvalidArgumentError } from '@tessera/core';
import type { Reduction, TensorLike1D } from '@tessera/core';
import { l2Normalize } from '@tessera/core';
import { gram } from './internal/gram';
import { logSumExpOffDiagonal } from './internal/log-sum-exp-off-diagonal';
import { readLabels } from './internal/read-labels';
import { reduceLosses as reduce } from '@tessera/core';
import { assertTemperature } from './internal/validate';

/** Options of {@link supConLoss}. */
export interface SupConLossOptions {
  /** Temperature τ, > 0. Default `0.07`. */
  temperature?: number;
  /** τ_base; the loss is scaled by τ / τ_base. Default `0.07`. */
  baseTemperature?: number;
  /** `'mean'` over the N·V anchors (default), `'sum'`, or `'none'` for `[views * batch]` (view-major). */
  reduction?: Reduction;
}

/**
 * Supervised contrastive loss L_out (`contrast_mode='all'`). Anchors are every view of every
 * sample, view-major (`features[:, 0]`, then `features[:, 1]`, …), L2-normalised; `P(i)` are the
 * other anchors with i's label and `A(i)` all other anchors:
 *
 * `ℓ_i = −(τ/τ_base) / |P(i)| · Σ_{p∈P(i)} [ s_ip − log Σ_{a∈A(i)} exp(s_ia) ]`, `s = u·uᵀ/τ`.
 *
 * With unique labels and two views it equals {@link ntXentLoss}. The reference code subtracts the
 * row maximum and adds 1e-9 inside the log; this is the exact formula (they differ by ~1e-6).
 *
 * Reference: Khosla et al. 2020, "Supervised Contrastive Learning", https://arxiv.org/abs/2004.11362.
 *
 * @param features - Shape `[batch, views, dim]`.
 * @param labels - Class of each sample, int, shape `[batch]`.
 * @returns Scalar loss (or `[views * batch]` with `reduction: 'none'`).
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} on bad shapes, non-integer labels, τ ≤ 0, or an anchor with
 *   no positive (one view and a label seen once).
 * @category Contrastive
 */
export function supConLoss(
  features: tf.Tensor3D,
  labels: tf.Tensor1D | TensorLike1D,
  { temperature = 0.07, baseTemperature = 0.07, reduction = 'mean' }: SupConLossOptions = {},
): tf.Tensor {
  const fn = 'supConLoss';
  assertRank(features, 3, fn, 'features');
  const [n, views, dim] = features.shape;
  const lab = readLabels(labels, n, fn);
  assertTemperature(temperature, fn);
  assertTemperature(baseTemperature, fn, 'baseTemperature');
  const m = n * views;
  const positives = new Float32Array(m * m);
  for (let i = 0; i < m; i++) {
    let count = 0;
    for (let j = 0; j < m; j++) {
      if (i !== j && lab[i % n] === lab[j % n]) {
        positives[i * m + j] = 1;
        count++;
      }
    }
    if (count === 0) {
      throw new InvalidArgumentError({
        functionName: fn,
        argument: 'labels',
        detail: `labels must give every anchor a positive, got label ${lab[i % n]} only once with ${views} view(s).`,
      });
    }
  }
  return tf.tidy(() => {
    const u = l2Normalize(tf.reshape(tf.transpose(features, [1, 0, 2]), [m, dim]));
    const s = tf.div(gram(u as tf.Tensor2D), temperature) as tf.Tensor2D;
    const mask = tf.tensor2d(positives, [m, m]);
    const meanPositive = tf.div(tf.sum(tf.mul(s, mask), 1), tf.sum(mask, 1));
    const perAnchor = tf.mul(
      tf.sub(logSumExpOffDiagonal(s), meanPositive),
      temperature / baseTemperature,
    );
    return reduce(perAnchor, reduction, fn);
  });
}
