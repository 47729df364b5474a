import * as tf from '@tensorflow/tfjs-core';
import { logSumExp } from './internal/log-sum-exp';
import { assertRank, InvalidArgumentError } from '@tessera/core';
import type { Reduction } from '@tessera/core';
import { l2Normalize } from '@tessera/core';
import { reduceLosses as reduce } from '@tessera/core';
import { assertPairOfEmbeddings, assertTemperature } from './internal/validate';

/** Options of {@link infoNceLoss}. */
export interface InfoNceLossOptions {
  /** Temperature τ, > 0. Default `0.07` (MoCo). */
  temperature?: number;
  /** L2-normalise queries, keys and negatives first. Default `true`. */
  normalize?: boolean;
  /** `'mean'` (default), `'sum'`, or `'none'` for the `[batch]` per-query losses. */
  reduction?: Reduction;
}

/**
 * InfoNCE with an explicit set of negatives, as MoCo uses it with its queue of keys:
 * `logits_i = [q_i·k⁺_i, q_i·n_1, …, q_i·n_K] / τ`, `ℓ_i = −log softmax(logits_i)_0`.
 *
 * Reference: He et al. 2020, "Momentum Contrast for Unsupervised Visual Representation Learning",
 * https://arxiv.org/abs/1911.05722; van den Oord et al. 2018 (InfoNCE).
 *
 * @param query - Queries, shape `[batch, dim]`.
 * @param positive - Positive keys, shape `[batch, dim]`; `positive[i]` belongs to `query[i]`.
 * @param negatives - Negative keys shared by all queries (the queue), shape `[numNegatives, dim]`.
 * @returns Scalar loss (or `[batch]` with `reduction: 'none'`).
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} on rank or dim mismatch, no negatives, or τ ≤ 0.
 * @example
 * ```ts
 * const loss = infoNceLoss(q, k, queue, { temperature: 0.2 });
 * ```
 * @category Contrastive
 */
export function infoNceLoss(
  query: tf.Tensor2D,
  positive: tf.Tensor2D,
  negatives: tf.Tensor2D,
  { temperature = 0.07, normalize = true, reduction = 'mean' }: InfoNceLossOptions = {},
): tf.Tensor {
  const fn = 'infoNceLoss';
  assertPairOfEmbeddings(query, positive, fn, 'query', 'positive');
  assertRank(negatives, 2, fn, 'negatives');
  if (negatives.shape[1] !== query.shape[1] || negatives.shape[0] < 1) {
    throw new InvalidArgumentError({
      functionName: fn,
      argument: 'negatives',
      detail: `negatives must have shape [numNegatives >= 1, ${query.shape[1]}], got [${negatives.shape}].`,
    });
  }
  assertTemperature(temperature, fn);
  return tf.tidy(() => {
    const prep = (x: tf.Tensor2D) => (normalize ? l2Normalize(x) : x);
    const q = prep(query);
    const lPos = tf.sum(tf.mul(q, prep(positive)), 1, true);
    const lNeg = tf.matMul(q, prep(negatives), false, true);
    const logits = tf.div(tf.concat([lPos, lNeg], 1), temperature);
    const perQuery = tf.sub(
      logSumExp(logits, 1),
      tf.squeeze(tf.slice(logits, [0, 0], [-1, 1]), [1]),
    );
    return reduce(perQuery, reduction, fn);
  });
}
