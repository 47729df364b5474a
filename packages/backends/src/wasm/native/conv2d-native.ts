import type { backend_util, KernelBackend, TensorInfo } from '@tensorflow/tfjs-core';
import { KERNEL, nativeKernels, type NativeKernels } from './native-kernels';
import { heapOffset, partCount, withWasmFloats } from './wasm-memory';
import { winogradTile } from './winograd';

/** The parts of tfjs-backend-wasm's `BackendWasm` used to make the output. */
interface OutputBackend {
  makeOutput(shape: number[], dtype: 'float32'): TensorInfo;
}

/** Activations native/conv2d.c applies after the bias, by its `act` code (native/activate.h). @internal */
export const ACTIVATIONS = { linear: 0, relu: 1, relu6: 2 } as const;

/** An activation the native convolution fuses. @internal */
export type NativeActivation = keyof typeof ACTIVATIONS;

/** Whether the native convolution fuses `activation`. @internal */
export function isNativeActivation(activation: string | undefined): activation is NativeActivation {
  return activation === undefined || activation in ACTIVATIONS;
}

/** Most row parts a call is split into (rows are written by one part each: any split gives the same bits). */
const PARTS = 16;
/** Fewest input channels the native convolution takes. */
const MIN_IN_CHANNELS = 4;
/** Output channels per tile in native/conv2d.c. */
const TILE_O = 8;

/**
 * A float32 NHWC convolution `[N, OH, OW, O]` by native/conv2d.c, with an optional bias (one value
 * per output channel) and ReLU / ReLU6, or `null` when the native kernels are not ready on this
 * backend (the caller then uses XNNPACK) or the case is not one it handles (non-float32 data,
 * dilation, fewer than 4 input channels, a bias of another shape).
 * @internal
 */
export function conv2dNative(
  backend: KernelBackend,
  x: TensorInfo,
  filter: TensorInfo,
  info: backend_util.Conv2DInfo,
  bias?: TensorInfo,
  activation: NativeActivation = 'linear',
): TensorInfo | null {
  if (x.dtype !== 'float32' || filter.dtype !== 'float32') return null;
  if (info.dilationHeight !== 1 || info.dilationWidth !== 1) return null;
  // below 4 input channels the direct loop's work per tap is too short: XNNPACK is faster there
  // (the small CNN's first layer, 1 channel: 41 ms native, 31 ms XNNPACK)
  if (info.inChannels < MIN_IN_CHANNELS) return null;
  const { batchSize: n, outHeight, outWidth, outChannels } = info;
  if (bias && (bias.dtype !== 'float32' || size(bias.shape) !== outChannels)) return null;
  const native = nativeKernels(backend);
  if (!native) return null;
  const out = (backend as unknown as OutputBackend).makeOutput(
    [n, outHeight, outWidth, outChannels],
    'float32',
  );
  if (size(out.shape) === 0) return out;
  try {
    const geometry = { ...info, activation: ACTIVATIONS[activation] };
    const addresses = {
      x: heapOffset(backend, x.dataId),
      filter: heapOffset(backend, filter.dataId),
      bias: bias ? heapOffset(backend, bias.dataId) : 0,
      out: heapOffset(backend, out.dataId),
    };
    const winograd = winogradTile(info);
    if (winograd) runWinograd(native, addresses, geometry, winograd);
    else runDirect(native, addresses, geometry);
  } catch (e) {
    backend.disposeData(out.dataId);
    throw e;
  }
  return out;
}

interface Addresses {
  x: number;
  filter: number;
  bias: number;
  out: number;
}
type Geometry = backend_util.Conv2DInfo & { activation: number };

/** The direct loop (native/conv2d.c `conv_part`). */
function runDirect(native: NativeKernels, a: Addresses, g: Geometry): void {
  const { batchSize: n, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels } = g;
  const blocks = Math.ceil(outChannels / TILE_O);
  const packed = blocks * TILE_O * (g.filterHeight * g.filterWidth * inChannels + 1);
  // the packed filter and bias, then one input pixel of zeros (what padding reads)
  withWasmFloats(native, packed + inChannels, 'Conv2D', (scratch) => {
    const zeros = scratch + packed * 4;
    new Float32Array(native.memory.buffer, zeros, inChannels).fill(0);
    native.convPack(
      a.filter,
      a.bias,
      scratch,
      g.filterHeight,
      g.filterWidth,
      inChannels,
      outChannels,
    );
    const args = [a.x, scratch, zeros, n, inHeight, inWidth, inChannels, outHeight, outWidth];
    args.push(outChannels, g.filterHeight, g.filterWidth, g.strideHeight, g.strideWidth);
    args.push(g.padInfo.top, g.padInfo.left, g.activation);
    const parts = partCount(n * outHeight, PARTS);
    native.pool.run(
      KERNEL.convPart,
      args,
      Array.from({ length: parts }, () => a.out),
    );
  });
}

/**
 * Winograd F(m×m, 3×3): m = 2 (native/conv2d.c `winograd_part`, 16 products per 2×2 block) or
 * m = 4 (native/winograd4.c `winograd4_part`, 36 per 4×4 block).
 */
function runWinograd(native: NativeKernels, a: Addresses, g: Geometry, m: 2 | 4): void {
  const { batchSize: n, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels } = g;
  const elements = (m + 2) * (m + 2);
  const packed = elements * inChannels * outChannels + outChannels;
  const blocksPerRow = Math.ceil(Math.ceil(outWidth / m) / 4) * 4;
  const parts = partCount(n * Math.ceil(outHeight / m), PARTS);
  // the packed filter and bias, then each part's transformed inputs and products
  const perPart = elements * blocksPerRow * (inChannels + outChannels);
  withWasmFloats(native, packed + parts * perPart, 'Conv2D', (scratch) => {
    const pack = m === 4 ? native.winograd4Pack : native.winogradPack;
    pack(a.filter, a.bias, scratch, inChannels, outChannels);
    const args = [a.x, scratch, scratch + packed * 4, n, inHeight, inWidth, inChannels];
    args.push(outHeight, outWidth, outChannels, g.padInfo.top, g.padInfo.left, g.activation);
    native.pool.run(
      m === 4 ? KERNEL.winograd4Part : KERNEL.winogradPart,
      args,
      Array.from({ length: parts }, () => a.out),
    );
  });
}

function size(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}
