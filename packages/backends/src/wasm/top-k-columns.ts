import type { KernelBackend, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { TESSERA_KERNELS } from '@tessera/core';
import { checkFloat32, type TypedHeapBackend } from './heap-backend';
import { topKColumnsNative } from './native/top-k-columns-native';

/**
 * `TesseraTopKColumns` (see `TESSERA_KERNELS` in `@tessera/core`) for `wasm`: each column's `k`
 * largest values by native/top-k-columns.c on every wasm thread, one pass over `x` that leaves its
 * vector compare only when a value can enter a column's list — where the composed ops transpose
 * `x` and sort every row. A plain loop until the native kernels are ready.
 * @internal
 */
export function topKColumnsWasmConfig(): KernelConfig {
  const name = TESSERA_KERNELS.topKColumns;
  const kernelFunc: KernelFunc = ({ inputs, backend, attrs }) => {
    const { x } = inputs as Record<string, TensorInfo | undefined>;
    checkFloat32(name, { x });
    if (x!.shape.length !== 2) throw new Error(`${name}: x must be a matrix, got [${x!.shape}]`);
    const [n, m] = x!.shape as [number, number];
    const k = (attrs as { k?: unknown }).k;
    if (typeof k !== 'number' || !Number.isInteger(k) || k < 1 || k > n)
      throw new Error(`${name}: k must be an integer in [1, ${n}] (the rows of x), got ${k}`);
    const heap = backend as unknown as TypedHeapBackend;
    const values = heap.makeOutput([m, k], 'float32');
    const indices = heap.makeOutput([m, k], 'int32');
    if (m > 0 && !topKColumnsNative(backend as KernelBackend, x!, values, indices, k))
      inJs(
        heap.typedArrayFromHeap(x!) as Float32Array,
        heap.typedArrayFromHeap(values) as Float32Array,
        heap.typedArrayFromHeap(indices) as Int32Array,
        n,
        m,
        k,
      );
    return [values, indices];
  };
  return { kernelName: name, backendName: 'wasm', kernelFunc };
}

/** a ranks above b: larger, or a number where b is NaN (as the native kernel orders them). */
const above = (a: number, b: number) => a > b || (a === a && b !== b);

/** The same in JavaScript: an insertion into each column's sorted list of k. */
function inJs(
  x: Float32Array,
  values: Float32Array,
  indices: Int32Array,
  n: number,
  m: number,
  k: number,
): void {
  for (let j = 0; j < m; j++) {
    const base = j * k;
    for (let i = 0; i < n; i++) {
      const v = x[i * m + j]!;
      const len = Math.min(i, k);
      if (len === k && !above(v, values[base + k - 1]!)) continue;
      let p = Math.min(len, k - 1);
      for (; p > 0 && above(v, values[base + p - 1]!); p--) {
        values[base + p] = values[base + p - 1]!;
        indices[base + p] = indices[base + p - 1]!;
      }
      values[base + p] = v;
      indices[base + p] = i;
    }
  }
}
