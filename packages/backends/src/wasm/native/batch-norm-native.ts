import type { KernelBackend, TensorInfo } from '@tensorflow/tfjs-core';
import { KERNEL, nativeKernels } from './native-kernels';
import { heapOffset, partCount, withWasmFloats } from './wasm-memory';

/** The parts of tfjs-backend-wasm's `BackendWasm` used here. */
interface HeapBackend {
  makeOutput(shape: number[], dtype: 'float32'): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): Float32Array;
}

/** Parts the rows are split into (writes are disjoint, so any count gives the same result). */
const PARTS = 8;

/**
 * `FusedBatchNorm` over the last axis by native/batch-norm.c, or `null` when the native kernels
 * are not ready or the case is not one it handles (non-float32 data; a statistic, offset or scale
 * that is neither one value per channel nor a single value).
 * @internal
 */
export function batchNormNative(
  backend: KernelBackend,
  x: TensorInfo,
  params: { mean: TensorInfo; variance: TensorInfo; offset?: TensorInfo; scale?: TensorInfo },
  varianceEpsilon: number,
): TensorInfo | null {
  const channels = x.shape.at(-1) ?? 1;
  const size = x.shape.reduce((a, b) => a * b, 1);
  const all = [x, params.mean, params.variance, params.offset, params.scale];
  if (size === 0 || all.some((t) => t && t.dtype !== 'float32')) return null;
  if (all.slice(1).some((t) => t && !perChannel(t, channels))) return null;
  const native = nativeKernels(backend);
  if (!native) return null;
  const heap = backend as unknown as HeapBackend;
  const read = (t: TensorInfo | undefined, fallback: number) => {
    if (!t) return () => fallback;
    const v = heap.typedArrayFromHeap(t);
    return v.length === 1 ? () => v[0] as number : (c: number) => v[c] as number;
  };
  const [mean, variance] = [read(params.mean, 0), read(params.variance, 1)];
  const [offset, scale] = [read(params.offset, 0), read(params.scale, 1)];
  // [mean, k = scale / √(variance + ε), offset], one value per channel, computed in float64
  const coef = new Float32Array(3 * channels);
  for (let c = 0; c < channels; c++) {
    coef[c] = mean(c);
    coef[channels + c] = scale(c) / Math.sqrt(variance(c) + varianceEpsilon);
    coef[2 * channels + c] = offset(c);
  }
  const out = heap.makeOutput([...x.shape], 'float32');
  try {
    withWasmFloats(native, coef.length, 'FusedBatchNorm', (at) => {
      new Float32Array(native.memory.buffer, at, coef.length).set(coef);
      const outAt = heapOffset(backend, out.dataId);
      const rows = size / channels;
      const parts = partCount(rows, PARTS);
      native.pool.run(
        KERNEL.batchNormPart,
        [heapOffset(backend, x.dataId), at, rows, channels],
        Array.from({ length: parts }, () => outAt),
      );
    });
  } catch (e) {
    backend.disposeData(out.dataId);
    throw e;
  }
  return out;
}

function perChannel(t: TensorInfo, channels: number): boolean {
  const size = t.shape.reduce((a, b) => a * b, 1);
  return size === 1 || (size === channels && t.shape.at(-1) === channels);
}
