import type { KernelBackend, TensorInfo } from '@tensorflow/tfjs-core';
import { KERNEL, nativeKernels } from './native-kernels';
import { heapOffset, partCount } from './wasm-memory';

/** Most parts (each element is written once: any count gives the same bits). */
const PARTS = 8;

/**
 * `out = diag(g)·p + (diag(g)·p)ᵀ` (`p` `[n, n]`, `g` `[n]`, `out` already allocated) by
 * native/scaled-symmetric-sum.c on every wasm thread; `false` when the native kernels are not
 * ready (the caller then runs its JavaScript loop).
 * @internal
 */
export function scaledSymmetricSumNative(
  backend: KernelBackend,
  p: TensorInfo,
  g: TensorInfo,
  out: TensorInfo,
  n: number,
): boolean {
  const native = nativeKernels(backend);
  if (!native) return false;
  const dst = heapOffset(backend, out.dataId);
  native.pool.run(
    KERNEL.scaledSymmetricSumPart,
    [heapOffset(backend, p.dataId), heapOffset(backend, g.dataId), n],
    Array.from({ length: partCount(Math.ceil(n / 4), PARTS) }, () => dst),
  );
  return true;
}
