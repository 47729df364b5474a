import type { TensorInfo } from '@tensorflow/tfjs-core';

/** Below this many elements a run is copied by a plain loop: a subarray view and `set` cost about as much as 20 element copies. */
const SHORT_RUN = 20;

/** `dst[to … to + length)` = `src[from … from + length)`, between heap views of one dtype. @internal */
export function copyRun(
  src: Float32Array | Int32Array,
  from: number,
  dst: Float32Array | Int32Array,
  to: number,
  length: number,
): void {
  if (length < SHORT_RUN) for (let e = 0; e < length; e++) dst[to + e] = src[from + e]!;
  else dst.set(src.subarray(from, from + length), to);
}

/**
 * Whether the heap copy kernels (`Slice`, `SplitV`, `MirrorPad`) take `x`: float32 or int32 data
 * of rank 1 or more; the rest goes to the shipped kernels. @internal
 */
export const copiable = (x: TensorInfo): boolean =>
  (x.dtype === 'float32' || x.dtype === 'int32') && x.shape.length > 0;
