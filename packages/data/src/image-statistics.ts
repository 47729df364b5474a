import { assertInteger, createRng } from '@tessera/core';
import { checkImageArrays } from './sources/check-image-arrays';
import type { ImageSource } from './sources/image-source';

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
  const { images } = data;
  const shape = checkImageArrays(data, fn);
  if (maxImages !== undefined) assertInteger(maxImages, fn, 'maxImages', { min: 1 });
  const [n, h, w, c] = shape as [number, number, number, number];
  const count = Math.min(n, maxImages ?? n);
  const acc = new StatisticsAccumulator(c);
  const item = h * w * c;
  for (const k of sampleOrder(n, count)) acc.add(images.subarray(k * item, (k + 1) * item));
  return acc.result(count);
}

/**
 * {@link imageStatistics} of an {@link ImageSource}, read in chunks of 1 000 images (at most
 * `maxImages` of them, a seeded random sample; all by default): the same values for a source as
 * for its images in one array.
 * @category Statistics
 */
export async function sourceStatistics(
  source: ImageSource,
  { maxImages }: { maxImages?: number } = {},
): Promise<ImageStatistics> {
  if (maxImages !== undefined)
    assertInteger(maxImages, 'sourceStatistics', 'maxImages', { min: 1 });
  const count = Math.min(source.size, maxImages ?? source.size);
  const order = sampleOrder(source.size, count);
  const acc = new StatisticsAccumulator(source.shape[2]);
  for (let start = 0; start < count; start += 1000) {
    const chunk = order.subarray(start, Math.min(count, start + 1000));
    acc.add(source.readSync ? source.readSync(chunk) : await source.read(chunk));
  }
  return acc.result(count);
}

/** The images a statistic reads: all in order, or the first `count` of a seeded permutation. */
function sampleOrder(n: number, count: number): Int32Array {
  return count < n
    ? createRng(0).permutation(n).subarray(0, count)
    : Int32Array.from({ length: n }, (_, i) => i);
}

/** Per-channel sums of values and squares, in float64, image after image. */
class StatisticsAccumulator {
  private readonly sum: Float64Array;
  private readonly sq: Float64Array;
  private values = 0;
  constructor(private readonly channels: number) {
    this.sum = new Float64Array(channels);
    this.sq = new Float64Array(channels);
  }

  /** Adds images (NHWC floats, whole images). */
  add(values: Float32Array): void {
    const c = this.channels;
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as number;
      const ch = i % c;
      this.sum[ch] = (this.sum[ch] as number) + v;
      this.sq[ch] = (this.sq[ch] as number) + v * v;
    }
    this.values += values.length / c;
  }

  result(images: number): ImageStatistics {
    const c = this.channels;
    const per = this.values;
    const mean = Array.from(this.sum, (s) => s / per);
    const variance = Array.from(this.sq, (s, ch) =>
      Math.max(0, s / per - (mean[ch] as number) ** 2),
    );
    const overallMean = mean.reduce((a, b) => a + b, 0) / c;
    const overallVariance =
      variance.reduce((a, v, ch) => a + v + ((mean[ch] as number) - overallMean) ** 2, 0) / c;
    return {
      mean,
      std: variance.map(Math.sqrt),
      overall: { mean: overallMean, std: Math.sqrt(overallVariance) },
      images,
    };
  }
}
