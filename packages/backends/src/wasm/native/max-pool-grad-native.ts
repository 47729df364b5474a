import type { backend_util, KernelBackend, TensorInfo } from '@tensorflow/tfjs-core';
import { KERNEL, nativeKernels } from './native-kernels';
import { heapOffset, partCount } from './wasm-memory';

/** Parts the batch is split into (their gradients are disjoint: any count gives the same result). */
const PARTS = 8;

/**
 * `MaxPoolGrad` into `dx` (already allocated, any content: each part zeroes its images) by
 * native/max-pool-grad.c; `false`
 * when the native kernels are not ready (the caller then runs its JavaScript loop).
 * @internal
 */
export function maxPoolGradNative(
  backend: KernelBackend,
  input: TensorInfo,
  dy: TensorInfo,
  dx: TensorInfo,
  info: backend_util.Conv2DInfo,
): boolean {
  const native = nativeKernels(backend);
  if (!native) return false;
  const { batchSize: n, inHeight, inWidth, inChannels, outHeight, outWidth } = info;
  const out = heapOffset(backend, dx.dataId);
  const parts = partCount(n, PARTS);
  native.pool.run(
    KERNEL.maxPoolGradPart,
    [
      heapOffset(backend, input.dataId),
      heapOffset(backend, dy.dataId),
      n,
      inHeight,
      inWidth,
      inChannels,
      outHeight,
      outWidth,
      info.filterHeight,
      info.filterWidth,
      info.strideHeight,
      info.strideWidth,
      info.padInfo.top,
      info.padInfo.left,
    ],
    Array.from({ length: parts }, () => out),
  );
  return true;
}
