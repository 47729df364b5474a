import type { KernelBackend, TensorInfo } from '@tensorflow/tfjs-core';
import { KERNEL, nativeKernels } from './native-kernels';
import { heapOffset, partCount, withWasmFloats } from './wasm-memory';

/**
 * Parts the rows are split into. Fixed (not the thread count) so the sums — each part's in order
 * of rows, then the parts added in order — are the same on any number of threads.
 */
const PARTS = 8;

/** The operands of {@link softmaxRegressionNative}: tensors on the wasm heap and their sizes. @internal */
export interface SoftmaxRegressionArgs {
  x: TensorInfo;
  w: TensorInfo;
  b: TensorInfo;
  labels: TensorInfo;
  /** Rows, features and classes. */
  n: number;
  d: number;
  c: number;
}

/** Where {@link softmaxRegressionNative} writes: the loss sum, `[d, c]` and `[c]` gradients. @internal */
export interface SoftmaxRegressionSums {
  loss: number;
  dw: Float64Array;
  db: Float64Array;
}

/**
 * `TesseraSoftmaxRegression`'s sums by native/softmax-regression.c on every wasm thread: the
 * weights and bias copied with the classes padded to a multiple of 4 (zero weights, a bias of
 * −∞), each part's gradient accumulated in its own zeroed buffer, then the parts and every row's
 * `m − z_y + log t` added in float64 here; `null` when the native kernels are not ready (the
 * caller then runs its JavaScript loop).
 * @internal
 */
export function softmaxRegressionNative(
  backend: KernelBackend,
  { x, labels, n, d, c }: SoftmaxRegressionArgs,
  weights: Float32Array,
  bias: Float32Array,
): SoftmaxRegressionSums | null {
  const native = nativeKernels(backend);
  if (!native) return null;
  const cp = 4 * Math.ceil(c / 4);
  const parts = partCount(Math.ceil(n / 4), PARTS);
  const partFloats = d * cp + 5 * cp; // gw, gb, then 4 rows of scratch
  const floats = d * cp + cp + 2 * n + parts * partFloats;
  return withWasmFloats(native, floats, 'TesseraSoftmaxRegression', (at) => {
    const heap = new Float32Array(native.memory.buffer, at, floats);
    const [wAt, bAt, rowsAt, partsAt] = [0, d * cp, d * cp + cp, d * cp + cp + 2 * n];
    for (let k = 0; k < d; k++)
      for (let j = 0; j < cp; j++) heap[wAt + k * cp + j] = j < c ? weights[k * c + j]! : 0;
    for (let j = 0; j < cp; j++) heap[bAt + j] = j < c ? bias[j]! : -Infinity;
    for (let p = 0; p < parts; p++)
      heap.fill(0, partsAt + p * partFloats, partsAt + p * partFloats + d * cp + cp);
    const address = (offset: number) => at + 4 * offset;
    const offset = (t: TensorInfo) => heapOffset(backend, t.dataId);
    native.pool.run(
      KERNEL.softmaxRegressionPart,
      [offset(x), address(wAt), address(bAt), offset(labels), address(rowsAt), n, d, cp],
      Array.from({ length: parts }, (_, p) => address(partsAt + p * partFloats)),
    );
    const sums: SoftmaxRegressionSums = {
      loss: 0,
      dw: new Float64Array(d * c),
      db: new Float64Array(c),
    };
    for (let i = 0; i < n; i++)
      sums.loss += heap[rowsAt + 2 * i]! + Math.log(heap[rowsAt + 2 * i + 1]!);
    for (let p = 0; p < parts; p++) {
      const base = partsAt + p * partFloats;
      for (let k = 0; k < d; k++)
        for (let j = 0; j < c; j++)
          sums.dw[k * c + j] = sums.dw[k * c + j]! + heap[base + k * cp + j]!;
      for (let j = 0; j < c; j++) sums.db[j] = sums.db[j]! + heap[base + d * cp + j]!;
    }
    return sums;
  });
}
