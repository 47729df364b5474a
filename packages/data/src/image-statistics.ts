import { assertInteger, createRng, InvalidArgumentError } from '@tessera/core';

/** Per-channel statistics of a set of images. @category Statistics */
export interface ImageStatistics {
  /** Mean of each channel. */
  readonly mean: readonly number[];
  /** Population standard deviation of each channel (0 for a constant channel). */
  readonly std: readonly number[];
  /** Mean and population std of every value, all channels together. */
  readonly overall: { readonly mean: number; readonly std: number };
  /** Images the statistics were computed from. */
  readonly images: number;
}

/**
 * Per-channel mean and standard deviation of NHWC images (`[N, H, W, C]` as one flat array), the
 * values a model standardises its input with — computed from the data rather than written in as
 * one data set's constants. Over all images, or a seeded random sample of `maxImages` of them
 * (a sample drawn at even spacing would follow any period in the order: every tenth MNIST
 * training digit has mean 0.123, not 0.131), in float64.
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} when the array and
 *   shape disagree or `maxImages` is not a positive integer.
 * @example
 * ```ts
 * const { overall } = imageStatistics(await loadMnist({ split: 'train' }));
 * // overall.mean ≈ 0.1307, overall.std ≈ 0.3081
 * ```
 * @category Statistics
 */
export function imageStatistics(
  data: { readonly images: Float32Array; readonly shape: readonly number[] },
  { maxImages }: { maxImages?: number } = {},
): ImageStatistics {
  const fn = 'imageStatistics';
  const { images, shape } = data;
  if (
    shape.length !== 4 ||
    !shape.every((v) => Number.isInteger(v) && v > 0) ||
    images.length !== shape.reduce((a, b) => a * b, 1)
  )
    throw new InvalidArgumentError({
      functionName: fn,
      argument: 'data',
      detail: `data must be images of shape [N, H, W, C] with N·H·W·C values, got shape [${shape.join(', ')}] and ${images.length} values.`,
    });
  if (maxImages !== undefined) assertInteger(maxImages, fn, 'maxImages', { min: 1 });
  const [n, h, w, c] = shape as [number, number, number, number];
  const count = Math.min(n, maxImages ?? n);
  const chosen = count < n ? createRng(0).permutation(n).subarray(0, count) : null;
  const item = h * w * c;
  const sum = new Float64Array(c);
  const sq = new Float64Array(c);
  for (let k = 0; k < count; k++) {
    const start = (chosen ? (chosen[k] as number) : k) * item;
    for (let i = 0; i < item; i++) {
      const v = images[start + i] as number;
      const ch = i % c;
      sum[ch] = (sum[ch] as number) + v;
      sq[ch] = (sq[ch] as number) + v * v;
    }
  }
  const per = count * h * w;
  const mean = Array.from(sum, (s) => s / per);
  const variance = Array.from(sq, (s, ch) => Math.max(0, s / per - (mean[ch] as number) ** 2));
  const overallMean = mean.reduce((a, b) => a + b, 0) / c;
  const overallVariance =
    variance.reduce((a, v, ch) => a + v + ((mean[ch] as number) - overallMean) ** 2, 0) / c;
  return {
    mean,
    std: variance.map(Math.sqrt),
    overall: { mean: overallMean, std: Math.sqrt(overallVariance) },
    images: count,
  };
}
