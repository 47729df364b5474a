import type { KernelBackend, TensorInfo } from '@tensorflow/tfjs-core';
import { KERNEL, nativeKernels } from './native-kernels';
import { heapOffset, partCount, withWasmFloats } from './wasm-memory';

/** Most parts (each output row is summed by one part in one order: any count gives the same bits). */
const PARTS = 8;
/** Columns of the factor formed at a time in each part's scratch (`KC` in the C source). */
const KC = 256;
/** Row quads formed at a time in each part's scratch (`MQ` in the C source). */
const MQ = 16;

/**
 * `out = (diag(g)·p + (diag(g)·p)ᵀ)·u` (`p` `[n, n]`, `g` `[n]`, `u` `[n, d]`, `out` `[n, d]`
 * already allocated) by native/scaled-symmetric-matmul.c on every wasm thread: `u` packed as
 * panels of 8 columns, then each part's row quads; `false` when the native kernels are not ready
 * (the caller then runs its JavaScript loop).
 * @internal
 */
export function scaledSymmetricMatMulNative(
  backend: KernelBackend,
  p: TensorInfo,
  g: TensorInfo,
  u: TensorInfo,
  out: TensorInfo,
  n: number,
  d: number,
): boolean {
  const native = nativeKernels(backend);
  if (!native) return false;
  const quads = Math.ceil(n / 4);
  const d8 = Math.ceil(d / 8) * 8;
  const parts = partCount(quads, PARTS);
  const [pAt, gAt, uAt, outAt] = [p, g, u, out].map((t) => heapOffset(backend, t.dataId));
  const packedFloats = d8 * n;
  const scratchFloats = 4 * quads * d8 + parts * MQ * 4 * KC;
  withWasmFloats(native, packedFloats + scratchFloats, 'TesseraScaledSymmetricMatMul', (at) => {
    const scratch = at + packedFloats * 4;
    native.ssmmPack(uAt!, at, n, d);
    native.pool.run(
      KERNEL.scaledSymmetricMatMulPart,
      [pAt!, gAt!, at, scratch, n, d],
      Array.from({ length: parts }, () => outAt!),
    );
  });
  return true;
}
