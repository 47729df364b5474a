import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { util } from '@tensorflow/tfjs-core';
import { type PooledMean, pooledReduceWasmConfig } from './pooled-reduce';
import type { RunTemporary } from './run-kernel';

/** The longest pooling window used (a divisor of the reduced size). */
const MAX_WINDOW = 1024;

/**
 * `Sum` and `Mean` over a leading block of axes (`[0]`, `[0, 1]`, `[0, 1, 2]`, …) of a float32
 * tensor, as XNNPACK average pooling: `x` is viewed as `[A, B, 1, P]` (B a divisor of the reduced
 * size M = A·B), pooled over B, and the `[A, P]` means are reduced the same way until one row is
 * left; `Sum` scales the mean by M.
 *
 * Batch norm's training pass and its gradient reduce NHWC activations over N, H and W several
 * times per layer; the shipped kernels first transpose the reduced axes to the end (≈ 200 ms for
 * a `[512, 28, 28, 64]` activation here, against ≈ 8 ms pooled). Other reductions go to the
 * shipped kernel. @internal
 */
export function leadingReduceWasmConfig(
  kernelName: 'Sum' | 'Mean',
): (shipped: KernelFunc) => KernelConfig {
  return pooledReduceWasmConfig(kernelName, leadingMean);
}

function leadingMean(shape: readonly number[], axes: readonly number[]): PooledMean | null {
  const k = axes.length;
  if (k === 0 || axes.some((a, i) => a !== i)) return null;
  const m = util.sizeFromShape(shape.slice(0, k));
  if (window(m) < 2) return null;
  const rest = shape.slice(k);
  const p = util.sizeFromShape(rest);
  return {
    count: m,
    shape: rest,
    keptShape: [...axes.map(() => 1), ...rest],
    mean: (temp, x) => meanOfRows(temp, x, m, p),
  };
}

/** The mean of `x` viewed as `[rows, p]` over its rows, by pools over divisors of `rows`. */
function meanOfRows(temp: RunTemporary, x: TensorInfo, rows: number, p: number): TensorInfo {
  let current = x;
  while (rows > 1) {
    const b = window(rows);
    if (b < 2) {
      // a prime number of rows left: the shipped mean over them
      const matrix = temp('Reshape', { x: current }, { shape: [rows, p] });
      return temp('Mean', { x: matrix }, { axis: [0], keepDims: false });
    }
    const a = rows / b;
    const view = temp('Reshape', { x: current }, { shape: [a, b, 1, p] });
    current = temp(
      'AvgPool',
      { x: view },
      { filterSize: [b, 1], strides: [b, 1], pad: 'valid', dimRoundingMode: undefined },
    );
    rows = a;
  }
  return current;
}

/** The largest divisor of `n` that is at most {@link MAX_WINDOW} and below `n` unless `n` is small. */
function window(n: number): number {
  if (n <= MAX_WINDOW) return n;
  for (let b = MAX_WINDOW; b >= 2; b--) if (n % b === 0) return b;
  return 1;
}
