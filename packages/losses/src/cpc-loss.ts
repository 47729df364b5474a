import * as tf from '@tensorflow/tfjs-core';
import { logSumExp } from './internal/log-sum-exp';
import { assertRank, assertSameShape } from '@tessera/core';
import type { Reduction } from '@tessera/core';
import { reduceLosses as reduce } from '@tessera/core';
import { assertTemperature } from './internal/validate';

/** Options of {@link cpcLoss}. */
export interface CpcLossOptions {
  /** Divides the dot products. Default `1` (CPC's bilinear score has no temperature). */
  temperature?: number;
  /** `'mean'` over all (n, t) (default), `'sum'`, or `'none'` for `[batch, steps]`. */
  reduction?: Reduction;
}

/**
 * Contrastive Predictive Coding's InfoNCE. At each prediction step t the score of batch item n's
 * prediction with item m's encoding is `pred[n, t] · enc[m, t]`; the positive is m = n and the
 * negatives are the other items of the batch at the same step:
 * `ℓ_{n,t} = −log softmax_m(pred[n, t] · enc[m, t] / τ)_n`.
 *
 * Reference: van den Oord et al. 2018, "Representation Learning with Contrastive Predictive
 * Coding", https://arxiv.org/abs/1807.03748.
 *
 * @param predictions - `W_k c_t` for each step, shape `[batch, steps, dim]`.
 * @param encodings - The true future encodings `z_{t+k}`, shape `[batch, steps, dim]`.
 * @returns Scalar loss (or `[batch, steps]` with `reduction: 'none'`).
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} on rank or shape mismatch, or τ ≤ 0.
 * @category Contrastive
 */
export function cpcLoss(
  predictions: tf.Tensor3D,
  encodings: tf.Tensor3D,
  { temperature = 1, reduction = 'mean' }: CpcLossOptions = {},
): tf.Tensor {
  const fn = 'cpcLoss';
  assertRank(predictions, 3, fn, 'predictions');
  assertRank(encodings, 3, fn, 'encodings');
  assertSameShape(predictions, encodings, fn, 'predictions', 'encodings');
  assertTemperature(temperature, fn);
  return tf.tidy(() => {
    const p = tf.transpose(predictions, [1, 0, 2]); // [steps, batch, dim]
    const e = tf.transpose(encodings, [1, 0, 2]);
    const logits = tf.div(tf.matMul(p, e, false, true), temperature); // [steps, batch, batch]
    const positive = tf.div(tf.sum(tf.mul(p, e), 2), temperature); // [steps, batch]
    const perStep = tf.sub(logSumExp(logits, 2), positive);
    return reduce(tf.transpose(perStep), reduction, fn);
  });
}
