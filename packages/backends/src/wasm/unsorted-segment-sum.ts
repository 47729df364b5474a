import type {
  KernelConfig,
  KernelFunc,
  TensorInfo,
  UnsortedSegmentSumAttrs,
} from '@tensorflow/tfjs-core';
import { cpuFallbackKernel } from './cpu-fallback-kernel';
import type { TypedHeapBackend } from './heap-backend';

/**
 * `UnsortedSegmentSum` for `wasm`, which 4.22 lacks (it is the gradient of `gather`): for float32
 * or int32 rows `x[i]` and one int32 segment id per row, `out[s] = Σ_{i: ids[i] = s} x[i]`, rows
 * added in order on the heap, ids outside `[0, numSegments)` dropped (TF's rule). `cpu`'s kernel,
 * which the other cases run, builds a mask and a full-size product per segment — about a second
 * for 1 024 rows of 128 in 64 segments, against well under a millisecond here.
 * @internal
 */
export function unsortedSegmentSumWasmConfig(): KernelConfig {
  const fallback = cpuFallbackKernel('UnsortedSegmentSum', 'wasm').kernelFunc;
  const kernelFunc: KernelFunc = (args) => {
    const { x, segmentIds } = args.inputs as { x: TensorInfo; segmentIds: TensorInfo };
    const { numSegments } = args.attrs as unknown as UnsortedSegmentSumAttrs;
    const rows = x.shape[0];
    if (
      (x.dtype !== 'float32' && x.dtype !== 'int32') ||
      segmentIds.dtype !== 'int32' ||
      segmentIds.shape.length !== 1 ||
      rows === undefined ||
      segmentIds.shape[0] !== rows
    )
      return fallback(args);
    const heap = args.backend as unknown as TypedHeapBackend;
    const width = x.shape.slice(1).reduce((a, b) => a * b, 1);
    const out = heap.makeOutput([numSegments, ...x.shape.slice(1)], x.dtype);
    // views after the allocation (it may grow the heap); makeOutput memory is not zeroed
    const dst = heap.typedArrayFromHeap(out);
    dst.fill(0);
    if (width === 0) return out;
    const src = heap.typedArrayFromHeap(x);
    const ids = heap.typedArrayFromHeap(segmentIds);
    for (let i = 0; i < rows; i++) {
      const s = ids[i]!;
      if (!(s >= 0 && s < numSegments)) continue;
      const [from, to] = [i * width, s * width];
      for (let k = 0; k < width; k++) dst[to + k] = dst[to + k]! + src[from + k]!;
    }
    return out;
  };
  return { kernelName: 'UnsortedSegmentSum', backendName: 'wasm', kernelFunc };
}
