import type { KernelBackend, TensorInfo } from '@tensorflow/tfjs-core';
import { KERNEL, nativeKernels } from './native-kernels';
import { heapOffset, partCount, withWasmFloats } from './wasm-memory';

/** Most parts (each element is computed by one tile: any count gives the same bits). */
const PARTS = 8;

/**
 * `g = u · uᵀ` (`u` float32 `[m, k]`, `g` `[m, m]` already allocated) by native/gram.c on every
 * wasm thread: `u` packed as panels of 8 rows, then the tiles on and above the diagonal, each
 * written to both halves. `false` when the native kernels are not ready.
 * @internal
 */
export function gramNative(
  backend: KernelBackend,
  u: TensorInfo,
  g: TensorInfo,
  m: number,
  k: number,
): boolean {
  const native = nativeKernels(backend);
  if (!native) return false;
  const [uAt, gAt] = [heapOffset(backend, u.dataId), heapOffset(backend, g.dataId)];
  withWasmFloats(native, Math.ceil(m / 8) * 8 * k, 'TesseraGram', (packed) => {
    native.gramPack(uAt, packed, m, k);
    native.pool.run(
      KERNEL.gramPart,
      [uAt, packed, m, k],
      Array.from({ length: partCount(Math.ceil(m / 4), PARTS) }, () => gAt),
    );
  });
  return true;
}
