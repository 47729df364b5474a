import type { backend_util, KernelBackend, TensorInfo } from '@tensorflow/tfjs-core';
import { KERNEL, nativeKernels, type NativeKernels } from './native-kernels';
import { heapOffset, partCount, withWasmFloats } from './wasm-memory';
import { winogradFilterTile } from './winograd';

type Info = backend_util.Conv2DInfo;

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
 * The filter gradient `[KH, KW, C, O]` by Tessera's native kernels — Winograd F(3×3, 4×4)
 * (native/winograd4-filter-grad.c) or F(3×3, 2×2) (native/winograd-filter-grad.c), as
 * {@link winogradFilterTile} picks, for 3×3 stride-1 layers with input channels a multiple of 4
 * and output channels of 8, the direct sum (native/filter-grad.c) otherwise — or `null` when the
 * native kernels are not ready on this backend (the caller then uses XNNPACK) or the case is not
 * one they handle (non-float32 data, dilation).
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
  const { filterHeight, filterWidth, inChannels, outChannels } = info;
  const dw = (backend as unknown as OutputBackend).makeOutput(
    [filterHeight, filterWidth, inChannels, outChannels],
    'float32',
  );
  try {
    const a = { x: heapOffset(backend, x.dataId), dy: heapOffset(backend, dy.dataId) };
    const out = heapOffset(backend, dw.dataId);
    const tile = winogradFilterTile(info);
    if (tile) winograd(native, a, out, info, tile);
    else direct(native, a, out, info);
  } catch (e) {
    backend.disposeData(dw.dataId);
    throw e;
  }
  return dw;
}

/** `parts` zeroed buffers of `count` floats in one allocation, for `work`; freed afterwards. */
function withZeroed(
  native: NativeKernels,
  parts: number,
  count: number,
  extra: number,
  work: (buffers: number[], extraAt: number) => void,
): void {
  return withWasmFloats(native, parts * count + extra, 'Conv2DBackpropFilter', (at) => {
    new Float32Array(native.memory.buffer, at, parts * count).fill(0);
    const buffers = Array.from({ length: parts }, (_, k) => at + k * count * 4);
    work(buffers, at + parts * count * 4);
  });
}

/** The direct sum (native/filter-grad.c): each part into its own buffer (the first into dw). */
function direct(native: NativeKernels, a: { x: number; dy: number }, out: number, info: Info) {
  const { batchSize: n, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels } = info;
  const { filterHeight, filterWidth, strideHeight, strideWidth, padInfo } = info;
  const count = filterHeight * filterWidth * inChannels * outChannels;
  const parts = partCount(n, PARTS);
  new Float32Array(native.memory.buffer, out, count).fill(0);
  withZeroed(native, parts - 1, count, 0, (scratch) => {
    const outs = [out, ...scratch];
    const args = [a.x, a.dy, n, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels];
    args.push(filterHeight, filterWidth, strideHeight, strideWidth, padInfo.top, padInfo.left);
    native.pool.run(KERNEL.filterGradPart, args, outs);
    for (let k = 1; k < parts; k++) native.addInto(out, outs[k] as number, count);
  });
}

/** Block rows transformed together: enough blocks (≥ 32) for the products' inner loop. */
const WINOGRAD_CHUNK_BLOCKS = 32;

/**
 * Winograd with `m × m` tiles of dy (F(3×3, m×m)): each part sums its transformed products; the
 * parts are added in order, then the output transform.
 */
function winograd(
  native: NativeKernels,
  a: { x: number; dy: number },
  out: number,
  info: Info,
  m: 2 | 4,
) {
  const { batchSize: n, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels } = info;
  const products = (m + 2) ** 2;
  const count = products * inChannels * outChannels;
  const blocksPerRow = Math.ceil(outWidth / m);
  const rows = n * Math.ceil(outHeight / m);
  const parts = partCount(rows, PARTS);
  const chunk = Math.ceil(WINOGRAD_CHUNK_BLOCKS / blocksPerRow);
  const perPart = products * chunk * blocksPerRow * (inChannels + outChannels);
  const [kernel, finish] =
    m === 4
      ? [KERNEL.winograd4FilterGradPart, native.winograd4FilterGradFinish]
      : [KERNEL.winogradFilterGradPart, native.winogradFilterGradFinish];
  withZeroed(native, parts, count, parts * perPart, (ms, scratch) => {
    const args = [a.x, a.dy, scratch, n, inHeight, inWidth, inChannels, outHeight, outWidth];
    args.push(outChannels, info.padInfo.top, info.padInfo.left, chunk);
    native.pool.run(kernel, args, ms);
    for (let k = 1; k < parts; k++) native.addInto(ms[0] as number, ms[k] as number, count);
    finish(ms[0] as number, out, inChannels, outChannels);
  });
}
