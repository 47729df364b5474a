import type { backend_util, KernelBackend, TensorInfo } from '@tensorflow/tfjs-core';
import type { HeapBackend } from '../heap-backend';
import { ACTIVATIONS, type NativeActivation } from './conv2d-native';
import { KERNEL, nativeKernels } from './native-kernels';
import { heapOffset, partCount, withWasmFloats } from './wasm-memory';

/** Most pooled-row parts a call is split into (each row is written by one part: any split gives the same bits). */
const PARTS = 16;
/** Output channels per tile in native/conv-max-pool.c. */
const TILE_O = 8;

/**
 * `TesseraConv2DMaxPool` — a stride-1 `'same'` convolution with a bias and an activation, then a
 * 2×2 max pool of stride 2 — by native/conv-max-pool.c on every wasm thread into a new
 * `[N, ⌊H/2⌋, ⌊W/2⌋, O]` output, or `null` when the native kernels are not ready on this
 * backend (the caller then runs the convolution and the pool as two kernels).
 * @internal
 */
export function convMaxPoolNative(
  backend: KernelBackend,
  x: TensorInfo,
  filter: TensorInfo,
  bias: TensorInfo,
  info: backend_util.Conv2DInfo,
  activation: NativeActivation,
): TensorInfo | null {
  const native = nativeKernels(backend);
  if (!native) return null;
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: c, outChannels: o } = info;
  const [ph, pw] = [Math.floor(h / 2), Math.floor(w / 2)];
  const out = (backend as unknown as HeapBackend).makeOutput([n, ph, pw, o], 'float32');
  if (n * ph * pw * o === 0) return out;
  try {
    const { filterHeight: kh, filterWidth: kw } = info;
    const packed = Math.ceil(o / TILE_O) * TILE_O * (kh * kw * c + 1);
    const at = heapOffset(backend, out.dataId);
    // the packed filter and bias, then one input pixel of zeros (what padding reads)
    withWasmFloats(native, packed + c, 'Conv2DMaxPool', (scratch) => {
      const zeros = scratch + packed * 4;
      new Float32Array(native.memory.buffer, zeros, c).fill(0);
      const offset = (t: TensorInfo) => heapOffset(backend, t.dataId);
      native.convPack(offset(filter), offset(bias), scratch, kh, kw, c, o);
      const args = [offset(x), scratch, zeros, n, h, w, c, ph, pw, o, kh, kw];
      args.push(info.padInfo.top, info.padInfo.left, ACTIVATIONS[activation]);
      native.pool.run(
        KERNEL.convMaxPoolPart,
        args,
        Array.from({ length: partCount(n * ph, PARTS) }, () => at),
      );
    });
  } catch (e) {
    backend.disposeData(out.dataId);
    throw e;
  }
  return out;
}
