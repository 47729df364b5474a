import * as tf from '@tensorflow/tfjs-core';
import { assertOneOf, InvalidArgumentError } from '@tessera/core';
import { l2Normalize } from '@tessera/core';
import { logSumExp } from './internal/log-sum-exp';
import { assertMinRows, assertPairOfEmbeddings, assertTemperature } from './internal/validate';

/** Which view pairs {@link multiViewContrastiveLoss} contrasts. */
export type MultiViewMode = 'full-graph' | 'core-view';

/** Options of {@link multiViewContrastiveLoss}. */
export interface MultiViewContrastiveLossOptions {
  /** Temperature τ, > 0. Default `0.07`. */
  temperature?: number;
  /** `'full-graph'`: every pair of views (default); `'core-view'`: view 0 against each other view. */
  mode?: MultiViewMode;
}

const MODES: readonly MultiViewMode[] = ['full-graph', 'core-view'];

/**
 * Contrastive Multiview Coding: views of the same samples (colour channels, depth, augmentations)
 * are pulled together and other samples pushed apart, for every pair of views. With `u = l2n(V)`,
 * `L(a, b) = mean_n −log softmax_m(u_a[n]·u_b[m] / τ)_n` (in-batch negatives) and
 * `pair(a, b) = L(a, b) + L(b, a)`:
 * - full graph: `Σ_{i<j} pair(V_i, V_j)`;
 * - core view: `Σ_{j≥1} pair(V_0, V_j)`.
 *
 * CMC's paper draws its negatives from a memory bank with NCE; this uses the in-batch negatives of
 * its later InfoNCE form (combine {@link memoryBankLoss} per view for the bank version).
 *
 * Reference: Tian, Krishnan & Isola 2019, "Contrastive Multiview Coding", eqs. 3–5, https://arxiv.org/abs/1906.05849.
 *
 * @param views - At least two views, each `[batch, dim]` with the same shape; row n of every view is sample n.
 * @returns Scalar loss.
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} for fewer than two views, shape mismatch, batch < 2, or τ ≤ 0.
 * @category Contrastive
 */
export function multiViewContrastiveLoss(
  views: readonly tf.Tensor2D[],
  { temperature = 0.07, mode = 'full-graph' }: MultiViewContrastiveLossOptions = {},
): tf.Scalar {
  const fn = 'multiViewContrastiveLoss';
  if (!Array.isArray(views) || views.length < 2) {
    throw new InvalidArgumentError({
      functionName: fn,
      argument: 'views',
      detail: `views must be an array of at least 2 tensors, got ${Array.isArray(views) ? views.length : typeof views}.`,
    });
  }
  views.forEach((v, i) =>
    assertPairOfEmbeddings(views[0] as tf.Tensor2D, v, fn, 'views[0]', `views[${i}]`),
  );
  assertMinRows(views[0] as tf.Tensor2D, 2, fn, 'views[0]', 'each anchor needs a negative');
  assertTemperature(temperature, fn);
  assertOneOf(mode, MODES, fn, 'mode');
  return tf.tidy(() => {
    const u = views.map((v) => l2Normalize(v));
    const oneWay = (a: tf.Tensor2D, b: tf.Tensor2D) => {
      const logits = tf.div(tf.matMul(a, b, false, true), temperature);
      const positive = tf.div(tf.sum(tf.mul(a, b), 1), temperature);
      return tf.mean(tf.sub(logSumExp(logits, 1), positive));
    };
    const pairs: Array<[number, number]> = [];
    for (let i = 0; i < u.length; i++)
      for (let j = i + 1; j < u.length; j++)
        if (mode === 'full-graph' || i === 0) pairs.push([i, j]);
    const terms = pairs.flatMap(([i, j]) => [oneWay(u[i]!, u[j]!), oneWay(u[j]!, u[i]!)]);
    return tf.addN(terms) as tf.Scalar;
  });
}
