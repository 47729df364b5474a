import type { KernelBackend, TensorInfo } from '@tensorflow/tfjs-core';
import { KERNEL, nativeKernels } from './native-kernels';
import { heapOffset, partCount } from './wasm-memory';

/** Most parts (columns are independent: any count gives the same results). */
const PARTS = 8;

/**
 * The `k` largest values of each column of `x` (float32 `[n, m]`) and their row indices
 * (native/top-k-columns.c) into `values` (float32 `[m, k]`) and `indices` (int32 `[m, k]`, both
 * already allocated) on every wasm thread; `false` when the native kernels are not ready (the
 * caller then runs its JavaScript loop).
 * @internal
 */
export function topKColumnsNative(
  backend: KernelBackend,
  x: TensorInfo,
  values: TensorInfo,
  indices: TensorInfo,
  k: number,
): boolean {
  const native = nativeKernels(backend);
  if (!native) return false;
  const [n, m] = x.shape as [number, number];
  const at = (t: TensorInfo) => heapOffset(backend, t.dataId);
  const out = at(values);
  native.pool.run(
    KERNEL.topKColumnsPart,
    [at(indices), at(x), n, m, k],
    Array.from({ length: partCount(Math.ceil(m / 4), PARTS) }, () => out),
  );
  return true;
}
