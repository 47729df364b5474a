import type { KernelBackend, TensorInfo } from '@tensorflow/tfjs-core';
import { KERNEL, nativeKernels } from './native-kernels';
import { heapOffset, partCount } from './wasm-memory';

/** Most parts (they write disjoint images: any count gives the same bits). */
const PARTS = 8;

/**
 * Global average pooling's gradient `dx[n, h, w, c] = dy[n, c] / (H·W)` into `dx` (already
 * allocated, `[N, H, W, C]`) by native/global-avg-pool-grad.c on every wasm thread; `false` when
 * the native kernels are not ready (the caller then runs its JavaScript loop).
 * @internal
 */
export function globalAvgPoolGradNative(
  backend: KernelBackend,
  dy: TensorInfo,
  dx: TensorInfo,
  [n, h, w, c]: readonly [number, number, number, number],
): boolean {
  const native = nativeKernels(backend);
  if (!native) return false;
  const out = heapOffset(backend, dx.dataId);
  native.pool.run(
    KERNEL.globalAvgPoolGradPart,
    [heapOffset(backend, dy.dataId), n, h * w, c],
    Array.from({ length: partCount(n, PARTS) }, () => out),
  );
  return true;
}
