import type {
  KernelBackend,
  KernelConfig,
  KernelFunc,
  SumAttrs,
  TensorInfo,
} from '@tensorflow/tfjs-core';
import { util } from '@tensorflow/tfjs-core';
import { runKernel, type RunTemporary, withTemporaries } from './run-kernel';

/**
 * Below this many elements the shipped `Sum`/`Mean` (a transpose, then a reduction over the last
 * axis) costs little, and the pooled reductions leave it the work. @internal
 */
export const SMALL_REDUCTION = 1 << 16;

/** How a pooled reduction takes the mean of a float32 `x` over some of its axes. @internal */
export interface PooledMean {
  /** How many elements each mean averages (`Sum` multiplies the mean by it). */
  readonly count: number;
  /** The result's shape without and with the reduced axes kept as 1. */
  readonly shape: readonly number[];
  readonly keptShape: readonly number[];
  /** The means, by XNNPACK average pools run with `temp`; any shape of the right size. */
  mean(temp: RunTemporary, x: TensorInfo): TensorInfo;
}

/**
 * A `Sum` or `Mean` kernel for `wasm` that takes the mean with average pools where `plan` has a
 * way for `x`'s shape and reduced axes (sorted, non-negative) and hands every other call to
 * `next` (the shipped kernel, or another pooled reduction). `Sum` scales the mean by its count.
 * @internal
 */
export function pooledReduceWasmConfig(
  kernelName: 'Sum' | 'Mean',
  plan: (shape: readonly number[], axes: readonly number[]) => PooledMean | null,
): (next: KernelFunc) => KernelConfig {
  return (next) => {
    const kernelFunc: KernelFunc = (args) => {
      const x = args.inputs.x as TensorInfo;
      const { axis, keepDims } = args.attrs as unknown as SumAttrs;
      if (x.dtype !== 'float32' || util.sizeFromShape(x.shape) < SMALL_REDUCTION) return next(args);
      const axes = util.parseAxisParam(axis, [...x.shape]).sort((a, b) => a - b);
      const way = plan(x.shape, axes);
      if (way === null) return next(args);
      const wasm = args.backend as KernelBackend;
      return withTemporaries('wasm', wasm, (temp) => {
        let current = way.mean(temp, x);
        if (kernelName === 'Sum') {
          const scale = temp('Fill', {}, { shape: [], value: way.count, dtype: 'float32' });
          current = temp('Multiply', { a: current, b: scale }, {});
        }
        const shape = [...(keepDims ? way.keptShape : way.shape)];
        return runKernel('Reshape', 'wasm', wasm, { x: current }, { shape });
      });
    };
    return { kernelName, backendName: 'wasm', kernelFunc };
  };
}
