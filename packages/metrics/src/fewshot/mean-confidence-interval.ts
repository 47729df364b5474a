import {
  assertInRange,
  assertInteger,
  InvalidArgumentError,
  type TensorLike1D,
  toFloat64Array,
} from '@tessera/core';
import type * as tf from '@tensorflow/tfjs-core';
import { normalQuantile } from '../internal/normal-quantile';

/** Options of {@link meanConfidenceInterval}. @category Few-shot */
export interface ConfidenceIntervalOptions {
  /** Confidence level. Default 0.95. */
  level?: number;
  /**
   * Delta degrees of freedom of the standard deviation: 0 (default) is the population std that
   * most few-shot code computes with `np.std`; 1 is the sample std.
   */
  ddof?: number;
  /**
   * The normal quantile z. Default: 1.96 at level 0.95 (the constant few-shot papers use), else
   * Φ⁻¹((1 + level) / 2).
   */
  z?: number;
}

/** What {@link meanConfidenceInterval} returns. @category Few-shot */
export interface ConfidenceInterval {
  mean: number;
  std: number;
  /** z · std / √n — the "±" of few-shot tables. */
  halfWidth: number;
  lower: number;
  upper: number;
  n: number;
}

/**
 * The mean of per-episode accuracies with its normal-approximation confidence interval,
 * mean ± z · std / √n — how few-shot papers report "62.1 ± 0.8 %" over 600 episodes.
 *
 * @param values - Per-episode values (at least one; two with `ddof: 1`).
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} on empty input, non-finite values, a level outside (0, 1).
 * @example
 * ```ts
 * meanConfidenceInterval([0.6, 0.7, 0.8]).halfWidth; // 1.96 · 0.0816 / √3 = 0.0924
 * ```
 * @category Few-shot
 */
export function meanConfidenceInterval(
  values: tf.Tensor1D | TensorLike1D,
  { level = 0.95, ddof = 0, z }: ConfidenceIntervalOptions = {},
): ConfidenceInterval {
  const fn = 'meanConfidenceInterval';
  assertInRange(level, 0, 1, fn, 'level', { minInclusive: false, maxInclusive: false });
  assertInteger(ddof, fn, 'ddof', { min: 0 });
  const v = toFloat64Array(values, { functionName: fn, argument: 'values' });
  const n = v.length;
  if (n <= ddof)
    throw new InvalidArgumentError({
      functionName: fn,
      argument: 'values',
      detail: `values needs more than ddof = ${ddof} entries, got ${n}.`,
    });
  let sum = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(v[i]))
      throw new InvalidArgumentError({
        functionName: fn,
        argument: 'values',
        detail: `values must be finite, got ${v[i]} at index ${i}.`,
      });
    sum += v[i] as number;
  }
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += ((v[i] as number) - mean) ** 2;
  const std = Math.sqrt(ss / (n - ddof));
  const zValue = z ?? (level === 0.95 ? 1.96 : normalQuantile((1 + level) / 2));
  const halfWidth = (zValue * std) / Math.sqrt(n);
  return { mean, std, halfWidth, lower: mean - halfWidth, upper: mean + halfWidth, n };
}
