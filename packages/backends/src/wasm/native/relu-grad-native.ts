import type { KernelBackend, TensorInfo } from '@tensorflow/tfjs-core';
import { KERNEL, nativeKernels } from './native-kernels';
import { heapOffset, partCount } from './wasm-memory';

/** Most parts (their writes are disjoint: any count gives the same bits). */
const PARTS = 8;

/**
 * ReLU's gradient `dy · step(x)` into `dx` (already allocated, `count` elements like `dy` and `x`)
 * by native/relu-grad.c on every wasm thread; `false` when the native kernels are not ready (the
 * caller then runs its JavaScript loop).
 * @internal
 */
export function reluGradNative(
  backend: KernelBackend,
  dy: TensorInfo,
  x: TensorInfo,
  dx: TensorInfo,
  count: number,
): boolean {
  const native = nativeKernels(backend);
  if (!native) return false;
  const out = heapOffset(backend, dx.dataId);
  // parts split groups of 4 elements; fewer than 4 elements: one part does the tail
  const parts = partCount(Math.floor(count / 4), PARTS);
  native.pool.run(
    KERNEL.reluGradPart,
    [heapOffset(backend, dy.dataId), heapOffset(backend, x.dataId), count],
    Array.from({ length: parts }, () => out),
  );
  return true;
}
