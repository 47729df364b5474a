import * as tf from '@tensorflow/tfjs-core';
import { logSumExp } from './internal/log-sum-exp';
import { assertRank, InvalidArgumentError, toInt32Array } from '@tessera/core';
import type { Reduction, TensorLike1D } from '@tessera/core';
import { l2Normalize } from '@tessera/core';
import { reduceLosses as reduce } from '@tessera/core';
import { assertTemperature } from './internal/validate';

/** Options of {@link memoryBankLoss}. */
export interface MemoryBankLossOptions {
  /** Temperature τ, > 0. Default `0.07`. */
  temperature?: number;
  /** L2-normalise features and bank rows first. Default `true`. */
  normalize?: boolean;
  /** `'mean'` (default), `'sum'`, or `'none'` for `[batch]`. */
  reduction?: Reduction;
}

/**
 * InstDisc's exact non-parametric softmax over a memory bank: every image is its own class, its
 * weight is its stored feature. `logits = l2n(f) · l2n(V)ᵀ / τ` (`[batch, bankSize]`) and
 * `ℓ_b = −log softmax(logits_b)_{indices[b]}`.
 *
 * The bank is data, not a parameter: no gradient flows into it (update it with the momentum rule,
 * see `MemoryBank` in `@tessera/models`).
 *
 * Reference: Wu et al. 2018, "Unsupervised Feature Learning via Non-Parametric Instance
 * Discrimination", https://arxiv.org/abs/1805.01978.
 *
 * @param features - This batch's features, shape `[batch, dim]`.
 * @param bank - The memory bank, shape `[bankSize, dim]`.
 * @param indices - Each row's own index in the bank, int, shape `[batch]`, in `[0, bankSize)`.
 * @returns Scalar loss (or `[batch]` with `reduction: 'none'`).
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} on shape mismatch, indices out of range, or τ ≤ 0.
 * @category Contrastive
 */
export function memoryBankLoss(
  features: tf.Tensor2D,
  bank: tf.Tensor2D,
  indices: tf.Tensor1D | TensorLike1D,
  { temperature = 0.07, normalize = true, reduction = 'mean' }: MemoryBankLossOptions = {},
): tf.Tensor {
  const fn = 'memoryBankLoss';
  assertRank(features, 2, fn, 'features');
  assertRank(bank, 2, fn, 'bank');
  if (bank.shape[1] !== features.shape[1]) {
    throw new InvalidArgumentError({
      functionName: fn,
      argument: 'bank',
      detail: `bank must have shape [bankSize, ${features.shape[1]}], got [${bank.shape}].`,
    });
  }
  const idx = toInt32Array(indices as tf.Tensor, { functionName: fn, argument: 'indices' });
  const [batch] = features.shape;
  const [size] = bank.shape;
  if (idx.length !== batch) {
    throw new InvalidArgumentError({
      functionName: fn,
      argument: 'indices',
      detail: `indices must have ${batch} values (one per row of features), got ${idx.length}.`,
    });
  }
  const bad = idx.findIndex((i) => i < 0 || i >= size);
  if (bad >= 0) {
    throw new InvalidArgumentError({
      functionName: fn,
      argument: 'indices',
      detail: `indices must be in [0, ${size}), got ${idx[bad]} at index ${bad}.`,
    });
  }
  assertTemperature(temperature, fn);
  return tf.tidy(() => {
    const f = normalize ? l2Normalize(features) : features;
    const v = normalize ? l2Normalize(bank) : bank;
    const logits = tf.div(tf.matMul(f, v, false, true), temperature);
    const own = tf.sum(tf.mul(logits, tf.oneHot(tf.tensor1d(idx, 'int32'), size)), 1);
    return reduce(tf.sub(logSumExp(logits, 1), own), reduction, fn);
  });
}
