import * as tf from '@tensorflow/tfjs-core';
import {
  assertFinite,
  assertInteger,
  assertPositive,
  assertRank,
  createRng,
  InvalidArgumentError,
  toInt32Array,
} from '@tessera/core';
import type { TensorLike1D, TensorLike2D } from '@tessera/core';
import { l2Normalize } from '@tessera/core';
import { stopGradient } from '@tessera/core';
import { assertTemperature } from './internal/validate';

/** Options of {@link nceMemoryBankLoss} and {@link estimateNceNormalizer}. */
export interface NceMemoryBankLossOptions {
  /** Temperature τ, > 0. Default `0.07`. */
  temperature?: number;
  /** Noise samples m per row, drawn uniformly from the bank. Default `4096` (the paper's). */
  noiseSamples?: number;
  /** Seed of the noise draw. Default `0`. */
  seed?: number;
  /** Explicit noise indices `[batch, m]` instead of drawing them (for tests and replays). */
  noiseIndices?: tf.Tensor2D | TensorLike2D;
  /**
   * The normaliser Z. InstDisc estimates it once, on the first batch, and keeps it: pass that value
   * (from {@link estimateNceNormalizer}) on later batches. Default: estimated on this batch, with
   * no gradient through it.
   */
  normalizer?: number;
  /** Added inside the logs, as lemniscate.pytorch. Default `1e-7`. */
  eps?: number;
}

/**
 * InstDisc's noise-contrastive estimation over a memory bank of n rows, the approximation of
 * {@link memoryBankLoss} that scales to large n. With `P(i|v) = exp(v·f_i/τ) / Z`, uniform noise
 * `P_n = 1/n` and m noise samples `j_k`:
 * `ℓ = −log[P(i|v) / (P(i|v) + m·P_n + ε)] − Σ_k log[m·P_n / (P(j_k|v) + m·P_n + ε)]`, mean over the batch.
 * Z is estimated Monte-Carlo as `n · mean exp(v·f/τ)` over the batch's positive and noise samples.
 *
 * Reference: Wu et al. 2018, "Unsupervised Feature Learning via Non-Parametric Instance
 * Discrimination", eqs. 3–5, https://arxiv.org/abs/1805.01978; lemniscate.pytorch's `NCECriterion`.
 *
 * @param features - This batch's features, `[batch, dim]` (L2-normalised inside).
 * @param bank - The memory bank, `[bankSize, dim]` (L2-normalised inside; no gradient).
 * @param indices - Each row's own index in the bank, int `[batch]`.
 * @returns Scalar loss.
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} on shape mismatch, indices out of range, or bad options.
 * @category Contrastive
 */
export function nceMemoryBankLoss(
  features: tf.Tensor2D,
  bank: tf.Tensor2D,
  indices: tf.Tensor1D | TensorLike1D,
  options: NceMemoryBankLossOptions = {},
): tf.Scalar {
  const fn = 'nceMemoryBankLoss';
  const { normalizer, eps = 1e-7 } = options;
  if (normalizer !== undefined) {
    assertPositive(normalizer, fn, 'normalizer');
    assertFinite(normalizer, fn, 'normalizer');
  }
  assertPositive(eps, fn, 'eps', { allowZero: true });
  const { scores, m, n } = sampledScores(features, bank, indices, options, fn);
  return tf.tidy(() => {
    const out = scores();
    const z = normalizer ?? tf.mul(stopGradient(tf.mean(out)), n);
    const p = tf.div(out, z);
    const mPn = m / n;
    const pPos = tf.slice(p, [0, 0], [-1, 1]);
    const pNeg = tf.slice(p, [0, 1], [-1, -1]);
    const lnPos = tf.log(tf.div(pPos, tf.add(pPos, mPn + eps)));
    const lnNeg = tf.log(tf.div(mPn, tf.add(pNeg, mPn + eps)));
    return tf.div(tf.neg(tf.add(tf.sum(lnPos), tf.sum(lnNeg))), features.shape[0]) as tf.Scalar;
  });
}

/**
 * The Monte-Carlo normaliser of {@link nceMemoryBankLoss}: `Z = n · mean exp(v·f/τ)` over the
 * batch's positive and noise samples. InstDisc computes it on the first batch and keeps it.
 * Reads one number back (synchronously).
 * @category Contrastive
 */
export function estimateNceNormalizer(
  features: tf.Tensor2D,
  bank: tf.Tensor2D,
  indices: tf.Tensor1D | TensorLike1D,
  options: NceMemoryBankLossOptions = {},
): number {
  const { scores, n } = sampledScores(features, bank, indices, options, 'estimateNceNormalizer');
  const z = tf.tidy(() => tf.mul(tf.mean(scores()), n));
  const value = z.dataSync()[0] as number;
  z.dispose();
  return value;
}

/** exp(l2n(bank)[idx]·l2n(f)/τ) for idx = [own index, m noise indices], `[batch, 1 + m]`. */
function sampledScores(
  features: tf.Tensor2D,
  bank: tf.Tensor2D,
  indices: tf.Tensor1D | TensorLike1D,
  { temperature = 0.07, noiseSamples = 4096, seed = 0, noiseIndices }: NceMemoryBankLossOptions,
  fn: string,
) {
  assertRank(features, 2, fn, 'features');
  assertRank(bank, 2, fn, 'bank');
  const [batch, dim] = features.shape;
  const [n] = bank.shape;
  if (bank.shape[1] !== dim) {
    throw new InvalidArgumentError({
      functionName: fn,
      argument: 'bank',
      detail: `bank must have shape [bankSize, ${dim}], got [${bank.shape}].`,
    });
  }
  assertTemperature(temperature, fn);
  const own = toInt32Array(indices as tf.Tensor, { functionName: fn, argument: 'indices' });
  if (own.length !== batch) {
    throw new InvalidArgumentError({
      functionName: fn,
      argument: 'indices',
      detail: `indices must have ${batch} values (one per row of features), got ${own.length}.`,
    });
  }
  let noise: Int32Array;
  let m: number;
  if (noiseIndices !== undefined) {
    noise = toInt32Array(noiseIndices as tf.Tensor, { functionName: fn, argument: 'noiseIndices' });
    m = noise.length / Math.max(batch, 1);
    if (!Number.isInteger(m) || m < 1) {
      throw new InvalidArgumentError({
        functionName: fn,
        argument: 'noiseIndices',
        detail: `noiseIndices must have shape [${batch}, m >= 1], got ${noise.length} values.`,
      });
    }
  } else {
    assertInteger(noiseSamples, fn, 'noiseSamples', { min: 1 });
    assertInteger(seed, fn, 'seed');
    m = noiseSamples;
    const rng = createRng(seed);
    noise = Int32Array.from({ length: batch * m }, () => rng.nextInt(n));
  }
  const idx = new Int32Array(batch * (m + 1));
  for (let b = 0; b < batch; b++) {
    idx[b * (m + 1)] = own[b] as number;
    idx.set(noise.subarray(b * m, (b + 1) * m), b * (m + 1) + 1);
  }
  const bad = idx.findIndex((i) => i < 0 || i >= n);
  // Offsets into the flattened [batch · n] logits: a plain gather (gather with batchDims needs
  // chained ops for its gradient, and gave wrong values on wasm 4.22).
  const flat = idx.map((i, k) => Math.floor(k / (m + 1)) * n + i);
  if (bad >= 0) {
    const which = bad % (m + 1) === 0 ? 'indices' : 'noiseIndices';
    throw new InvalidArgumentError({
      functionName: fn,
      argument: which,
      detail: `${which} must be in [0, ${n}), got ${idx[bad]}.`,
    });
  }
  const scores = () => {
    const logits = tf.div(
      tf.matMul(l2Normalize(features), l2Normalize(bank), false, true),
      temperature,
    ); // [batch, n]
    const picked = tf.gather(tf.reshape(logits, [-1]), tf.tensor1d(flat, 'int32'));
    return tf.exp(tf.reshape(picked, [batch, m + 1]));
  };
  return { scores, m, n };
}
