import type { KernelBackend, TensorInfo } from '@tensorflow/tfjs-core';
import { KERNEL, nativeKernels } from './native-kernels';
import { heapOffset, partCount } from './wasm-memory';

/** Most parts (their writes are disjoint: any count gives the same bits). */
const PARTS = 8;
/** Output rows per task of native/transpose.c (its TILE). */
const TILE = 64;

/**
 * The last two axes of `x` (`[batch, rows, cols]`, 4-byte elements) swapped into `out` (already
 * allocated) by native/transpose.c on every wasm thread; `false` when the native kernels are not
 * ready (the caller then runs the shipped kernel).
 * @internal
 */
export function transposeNative(
  backend: KernelBackend,
  x: TensorInfo,
  out: TensorInfo,
  batch: number,
  rows: number,
  cols: number,
): boolean {
  const native = nativeKernels(backend);
  if (!native) return false;
  const dst = heapOffset(backend, out.dataId);
  const parts = partCount(batch * Math.ceil(cols / TILE), PARTS);
  native.pool.run(
    KERNEL.transposePart,
    [heapOffset(backend, x.dataId), batch, rows, cols],
    Array.from({ length: parts }, () => dst),
  );
  return true;
}
