import type { KernelBackend, TensorInfo } from '@tensorflow/tfjs-core';
import { KERNEL, nativeKernels } from './native-kernels';
import { heapOffset, partCount, withWasmFloats } from './wasm-memory';

/** Most parts (each writes its own rows: any count gives the same bits). */
const PARTS = 8;

/**
 * Each row's softmax without the diagonal into `p` (an `[n, n]` output the caller made) by
 * native/softmax-off-diagonal.c on every wasm thread, returning each row's log-sum-exp without
 * the diagonal (`m + log t`, formed in float64 and rounded once); `null` when the native kernels
 * are not ready.
 * @internal
 */
export function softmaxOffDiagonalNative(
  backend: KernelBackend,
  s: TensorInfo,
  p: TensorInfo,
  n: number,
): Float32Array | null {
  const native = nativeKernels(backend);
  if (!native) return null;
  return withWasmFloats(native, 2 * n, 'TesseraSoftmaxOffDiagonal', (stats) => {
    const out = heapOffset(backend, p.dataId);
    const parts = partCount(n, PARTS);
    native.pool.run(
      KERNEL.softmaxOffDiagonalPart,
      [heapOffset(backend, s.dataId), stats, n],
      Array.from({ length: parts }, () => out),
    );
    const mt = new Float32Array(native.memory.buffer, stats, 2 * n);
    return Float32Array.from({ length: n }, (_, i) => mt[2 * i]! + Math.log(mt[2 * i + 1]!));
  });
}
