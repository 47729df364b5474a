import type { KernelConfig, KernelFunc, SplitVAttrs, TensorInfo } from '@tensorflow/tfjs-core';
import { backend_util, slice_util, util, type Tensor } from '@tensorflow/tfjs-core';
import type { TypedHeapBackend } from './heap-backend';
import { copiable, copyRun } from './heap-copy';
import { copyReadsFromHeapViews, type ReadableHeapBackend } from './heap-reads';

/**
 * Copies the `size` block at `begin` of a row-major array of `shape` into `dst`, as runs of
 * contiguous elements: the axes after the last one the block cuts are whole, so each run is that
 * axis's `size` times their product. @internal
 */
export function copyBlock(
  src: Float32Array | Int32Array,
  dst: Float32Array | Int32Array,
  shape: readonly number[],
  begin: readonly number[],
  size: readonly number[],
): void {
  const rank = shape.length;
  let cut = rank - 1;
  while (cut > 0 && size[cut] === shape[cut]) cut--;
  const strides = util.computeStrides([...shape]);
  const inner = cut === rank - 1 ? 1 : strides[cut]!;
  const run = size[cut]! * inner;
  const start = begin[cut]! * inner;
  const position = new Array<number>(cut).fill(0);
  const outer = size.slice(0, cut).reduce((a, b) => a * b, 1);
  for (let o = 0, to = 0; o < outer; o++, to += run) {
    let from = start;
    for (let a = 0; a < cut; a++) from += (begin[a]! + position[a]!) * strides[a]!;
    copyRun(src, from, dst, to, run);
    for (let a = cut - 1; a >= 0; a--) {
      if (++position[a]! < size[a]!) break;
      position[a] = 0;
    }
  }
}

/** One block of `x` into a new output on the heap (views taken after the allocation, which may grow it). */
function sliceOnHeap(
  heap: TypedHeapBackend,
  x: TensorInfo,
  begin: readonly number[],
  size: number[],
): TensorInfo {
  const out = heap.makeOutput(size, x.dtype);
  if (util.sizeFromShape(size) > 0)
    copyBlock(heap.typedArrayFromHeap(x), heap.typedArrayFromHeap(out), x.shape, begin, size);
  return out;
}

/**
 * `Slice` on `wasm` for float32 and int32 data, copied from heap views in contiguous runs. The
 * shipped kernel first reads its whole input with `readSync`, a copy through `HEAPU8.slice` that
 * on the threaded build's shared memory goes element by element (≈ 0.43 ms to take half of a
 * 512 × 128 matrix, against ≈ 0.03 ms for a multiply of it). Other dtypes and scalars go to the
 * shipped kernel. @internal
 */
export function sliceWasmConfig(shipped: KernelFunc): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const { x } = args.inputs as { x: TensorInfo };
    if (!copiable(x)) return shipped(args);
    const { begin, size } = args.attrs as unknown as { begin: number[]; size: number[] };
    const [b, s] = slice_util.parseSliceParams(x, begin, size) as [number[], number[]];
    return sliceOnHeap(args.backend as unknown as TypedHeapBackend, x, b, s);
  };
  // The backend's own reads have the same whole-input copy: set up with the kernel.
  const setupFunc = (backend: object) =>
    copyReadsFromHeapViews(backend as unknown as ReadableHeapBackend);
  return { kernelName: 'Slice', backendName: 'wasm', kernelFunc, setupFunc };
}

/**
 * `SplitV` (`tf.split`, the gradient of `tf.concat`) on `wasm` for float32 and int32 data: each
 * part copied as {@link sliceWasmConfig} copies (the shipped kernel slices through its own
 * `Slice`, one whole-input copy per part). @internal
 */
export function splitVWasmConfig(shipped: KernelFunc): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const { x } = args.inputs as { x: TensorInfo };
    if (!copiable(x)) return shipped(args);
    const { numOrSizeSplits, axis } = args.attrs as unknown as SplitVAttrs;
    const at = util.parseAxisParam(axis, [...x.shape])[0]!;
    const sizes = backend_util.prepareSplitSize(x as unknown as Tensor, numOrSizeSplits, at);
    const begin = new Array<number>(x.shape.length).fill(0);
    return sizes.map((s) => {
      const size = [...x.shape];
      size[at] = s;
      const part = sliceOnHeap(args.backend as unknown as TypedHeapBackend, x, begin, size);
      begin[at]! += s;
      return part;
    });
  };
  return { kernelName: 'SplitV', backendName: 'wasm', kernelFunc };
}
