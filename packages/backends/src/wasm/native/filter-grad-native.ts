import type { backend_util, KernelBackend, TensorInfo } from '@tensorflow/tfjs-core';
import { heapOffset, KERNEL, nativeKernels } from './native-kernels';

/** The parts of tfjs-backend-wasm's `BackendWasm` used to make the output. */
interface OutputBackend {
  makeOutput(shape: number[], dtype: 'float32'): TensorInfo;
}

/**
 * Parts a batch is split into. Fixed (not the thread count) so the sum — each part accumulated
 * on its own, then the parts added in order — is the same on any number of threads.
 */
const PARTS = 8;

/**
 * The filter gradient `[KH, KW, C, O]` by native/filter-grad.c, or `null` when the native kernels
 * are not ready on this backend (the caller then uses XNNPACK) or the case is not one it handles
 * (non-float32 data, dilation).
 * @internal
 */
export function filterGradNative(
  backend: KernelBackend,
  x: TensorInfo,
  dy: TensorInfo,
  info: backend_util.Conv2DInfo,
): TensorInfo | null {
  if (x.dtype !== 'float32' || dy.dtype !== 'float32') return null;
  if (info.dilationHeight !== 1 || info.dilationWidth !== 1) return null;
  const native = nativeKernels(backend);
  if (!native) return null;
  const { batchSize: n, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels } = info;
  const { filterHeight, filterWidth, strideHeight, strideWidth, padInfo } = info;
  const count = filterHeight * filterWidth * inChannels * outChannels;
  const parts = Math.max(1, Math.min(PARTS, n));
  const dw = (backend as unknown as OutputBackend).makeOutput(
    [filterHeight, filterWidth, inChannels, outChannels],
    'float32',
  );
  const scratch = parts > 1 ? native.malloc((parts - 1) * count * 4) : 0;
  if (parts > 1 && scratch === 0) throw new Error('Conv2DBackpropFilter: out of wasm memory');
  try {
    const out = heapOffset(backend, dw.dataId);
    const outs = Array.from({ length: parts }, (_, k) =>
      k === 0 ? out : scratch + (k - 1) * count * 4,
    );
    // views after every allocation (each may grow the memory)
    new Float32Array(native.memory.buffer, out, count).fill(0);
    if (parts > 1) new Float32Array(native.memory.buffer, scratch, (parts - 1) * count).fill(0);
    native.pool.run(
      KERNEL.filterGradPart,
      [
        heapOffset(backend, x.dataId),
        heapOffset(backend, dy.dataId),
        n,
        inHeight,
        inWidth,
        inChannels,
        outHeight,
        outWidth,
        outChannels,
        filterHeight,
        filterWidth,
        strideHeight,
        strideWidth,
        padInfo.top,
        padInfo.left,
      ],
      outs,
    );
    for (let k = 1; k < parts; k++) native.addInto(out, outs[k] as number, count);
  } finally {
    if (scratch) native.free(scratch);
  }
  return dw;
}
