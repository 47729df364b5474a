import type { KernelBackend, TensorInfo } from '@tensorflow/tfjs-core';
import { KERNEL, nativeKernels } from './native-kernels';
import { heapOffset, partCount } from './wasm-memory';

/** Most parts (each writes its own columns: any count gives the same bits). */
const PARTS = 8;

/** The operands of {@link int16MatMulNative}: tensors on the wasm heap and their sizes. @internal */
export interface Int16MatMulArgs {
  a: TensorInfo;
  b: TensorInfo;
  aScale: TensorInfo;
  bScale: TensorInfo;
  /** Rows of `a` and of `b`, and the int16 elements of a row (a multiple of 8). */
  m: number;
  n: number;
  k: number;
  /** Whether the output is `[n, m]` (`out[j, i]`) rather than `[m, n]`. */
  transposeOutput: boolean;
}

/**
 * `TesseraInt16MatMul` into `out` (an `[m, n]` float32 output the caller made, `[n, m]` with
 * `transposeOutput`) by
 * native/int16-matmul.c on every wasm thread, parts splitting the columns; `false` when the
 * native kernels are not ready (the caller then runs its JavaScript loop).
 * @internal
 */
export function int16MatMulNative(
  backend: KernelBackend,
  { a, b, aScale, bScale, m, n, k, transposeOutput }: Int16MatMulArgs,
  out: TensorInfo,
): boolean {
  const native = nativeKernels(backend);
  if (!native) return false;
  const at = heapOffset(backend, out.dataId);
  const offset = (t: TensorInfo) => heapOffset(backend, t.dataId);
  native.pool.run(
    KERNEL.int16MatMulPart,
    [offset(a), offset(b), offset(aScale), offset(bScale), m, n, k, transposeOutput ? 1 : 0],
    Array.from({ length: partCount(Math.ceil(n / 4), PARTS) }, () => at),
  );
  return true;
}
