import type { KernelConfig, KernelFunc } from '@tensorflow/tfjs-core';
import { type PooledMean, pooledReduceWasmConfig } from './pooled-reduce';

/**
 * `Mean` and `Sum` over the spatial axes `[1, 2]` of a float32 NHWC tensor — global average
 * pooling, the last layer of most conv encoders — as one XNNPACK average pool with an H×W window
 * (`Sum` scales by H·W). The shipped kernels transpose H and W to the end first: 34 ms → ≈ 3 ms on
 * the small CNN's `[512, 14, 14, 128]`. Other reductions go to `next`. @internal
 */
export function spatialReduceWasmConfig(
  kernelName: 'Sum' | 'Mean',
): (next: KernelFunc) => KernelConfig {
  return pooledReduceWasmConfig(kernelName, spatialMean);
}

function spatialMean(shape: readonly number[], axes: readonly number[]): PooledMean | null {
  if (shape.length !== 4 || axes.length !== 2 || axes[0] !== 1 || axes[1] !== 2) return null;
  const [n, h, w, c] = shape as [number, number, number, number];
  return {
    count: h * w,
    shape: [n, c],
    keptShape: [n, 1, 1, c],
    mean: (temp, x) =>
      temp(
        'AvgPool',
        { x },
        { filterSize: [h, w], strides: [h, w], pad: 'valid', dimRoundingMode: undefined },
      ),
  };
}
