import { util } from '@tensorflow/tfjs-core';
import type {
  KernelBackend,
  KernelConfig,
  KernelFunc,
  SumAttrs,
  TensorInfo,
} from '@tensorflow/tfjs-core';
import { SMALL_REDUCTION, sortedAxes } from './reduce-axes';
import { runKernel, withTemporaries } from './run-kernel';

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
  return (shipped) => {
    const kernelFunc: KernelFunc = (args) => {
      const x = args.inputs.x as TensorInfo;
      const { axis, keepDims } = args.attrs as unknown as SumAttrs;
      if (x.dtype !== 'float32' || x.shape.length === 0) return shipped(args);
      const axes = sortedAxes(axis, x.shape);
      const k = axes.length;
      if (k === 0 || axes.some((a, i) => a !== i)) return shipped(args);
      const m = util.sizeFromShape(x.shape.slice(0, k));
      const rest = x.shape.slice(k);
      const p = util.sizeFromShape(rest);
      if (m * p < SMALL_REDUCTION || window(m) < 2) return shipped(args);
      const outShape = keepDims ? [...axes.map(() => 1), ...rest] : rest;
      const wasm = args.backend as KernelBackend;
      return withTemporaries('wasm', wasm, (temp) => {
        let current = x;
        let rows = m;
        while (rows > 1) {
          const b = window(rows);
          if (b < 2) {
            // a prime number of rows left: the shipped mean over them
            current = temp(
              'Mean',
              { x: temp('Reshape', { x: current }, { shape: [rows, p] }) },
              {
                axis: [0],
                keepDims: false,
              },
            );
            break;
          }
          const a = rows / b;
          const view = temp('Reshape', { x: current }, { shape: [a, b, 1, p] });
          current = temp(
            'AvgPool',
            { x: view },
            {
              filterSize: [b, 1],
              strides: [b, 1],
              pad: 'valid',
              dimRoundingMode: undefined,
            },
          );
          rows = a;
        }
        if (kernelName === 'Sum') {
          const scale = temp('Fill', {}, { shape: [], value: m, dtype: 'float32' });
          current = temp('Multiply', { a: current, b: scale }, {});
        }
        return runKernel('Reshape', 'wasm', wasm, { x: current }, { shape: outShape });
      });
    };
    return { kernelName, backendName: 'wasm', kernelFunc };
  };
}

/** The largest divisor of `n` that is at most {@link MAX_WINDOW} and below `n` unless `n` is small. */
function window(n: number): number {
  if (n <= MAX_WINDOW) return n;
  for (let b = MAX_WINDOW; b >= 2; b--) if (n % b === 0) return b;
  return 1;
}
