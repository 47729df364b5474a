import type { KernelBackend, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { TESSERA_KERNELS } from '@tessera/core';
import { channelsLastConvInfo } from './conv2d';
import { checkFloat32 } from './heap-backend';
import { convMaxPoolNative } from './native/conv-max-pool-native';
import { isNativeActivation } from './native/conv2d-native';
import { runKernel, withTemporaries } from './run-kernel';

/**
 * Input channels below which the fused loop runs. With few channels a convolution does a few
 * multiply-adds per output value and writing its full-resolution map and reading it back for the
 * pool costs more than the arithmetic (the small CNN's 1-channel first layer); with more, the
 * native convolution's Winograd transforms save more than the fusion does.
 */
const FUSED_BELOW_CHANNELS = 4;

/**
 * `TesseraConv2DMaxPool` (see `TESSERA_KERNELS` in `@tessera/core`) for `wasm`: below 4 input
 * channels by native/conv-max-pool.c, which keeps the 4 outputs of each pool window in registers
 * and writes only their max; otherwise (or before the native kernels are ready) `FusedConv2D`
 * then `MaxPool`.
 * @internal
 */
export function conv2dMaxPoolWasmConfig(): KernelConfig {
  const name = TESSERA_KERNELS.conv2dMaxPool;
  const kernelFunc: KernelFunc = ({ inputs, backend, attrs }) => {
    const { x, filter, bias } = inputs as Record<string, TensorInfo | undefined>;
    checkFloat32(name, { x, filter, bias });
    const [, , , channels] = x!.shape;
    const [, , filterChannels, outChannels] = filter!.shape;
    if (x!.shape.length !== 4 || filter!.shape.length !== 4 || filterChannels !== channels)
      throw new Error(
        `${name}: x and filter must be [N, H, W, C] and [KH, KW, C, O], got [${x!.shape}] and [${filter!.shape}]`,
      );
    if (String(bias!.shape) !== String([outChannels]))
      throw new Error(`${name}: bias must be [${outChannels}], got [${bias!.shape}]`);
    const activation = attrs?.['activation'] ?? 'linear';
    if (typeof activation !== 'string' || !isNativeActivation(activation))
      throw new Error(
        `${name}: activation must be 'linear', 'relu' or 'relu6', got ${String(activation)}`,
      );
    const wasm = backend as KernelBackend;
    const info = channelsLastConvInfo(x!.shape, filter!.shape, { strides: 1, pad: 'same' });
    if (channels! < FUSED_BELOW_CHANNELS) {
      const fused = convMaxPoolNative(wasm, x!, filter!, bias!, info, activation);
      if (fused) return fused;
    }
    return withTemporaries('wasm', wasm, (temp) => {
      const y = temp(
        'FusedConv2D',
        { x: x!, filter: filter!, bias: bias! },
        { strides: 1, pad: 'same', dataFormat: 'NHWC', dilations: 1, activation },
      );
      return runKernel(
        'MaxPool',
        'wasm',
        wasm,
        { x: y },
        { filterSize: 2, strides: 2, pad: 'valid' },
      );
    });
  };
  return { kernelName: name, backendName: 'wasm', kernelFunc };
}
