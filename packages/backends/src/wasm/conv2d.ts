import { backend_util } from '@tensorflow/tfjs-core';
import type {
  Conv2DAttrs,
  FusedConv2DAttrs,
  KernelBackend,
  KernelConfig,
  KernelFunc,
  TensorInfo,
} from '@tensorflow/tfjs-core';
import { conv2dNative, isNativeActivation } from './native/conv2d-native';

/**
 * The geometry of an undilated channels-last convolution of `xShape` by `filterShape` (also the
 * input gradient's, from its `inputShape`). @internal
 */
export function channelsLastConvInfo(
  xShape: readonly number[],
  filterShape: readonly number[],
  attrs: Pick<Conv2DAttrs, 'strides' | 'pad' | 'dimRoundingMode'>,
): backend_util.Conv2DInfo {
  return backend_util.computeConv2DInfo(
    [...xShape] as [number, number, number, number],
    [...filterShape] as [number, number, number, number],
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    'channelsLast',
  );
}

/** The convolution's geometry, or `null` for the cases left to the shipped kernel (NCHW, dilation). */
function convInfo(x: TensorInfo, filter: TensorInfo, attrs: Conv2DAttrs) {
  if (attrs.dataFormat === 'NCHW') return null;
  const dilations = attrs.dilations ?? 1;
  if ((Array.isArray(dilations) ? dilations : [dilations]).some((d) => d !== 1)) return null;
  return channelsLastConvInfo(x.shape, filter.shape, attrs);
}

/**
 * `Conv2D` for `wasm` by Tessera's native convolution (native/conv2d.c, on every wasm thread; see
 * `conv2dNative`) where it applies, else the shipped XNNPACK kernel. The input gradient
 * (conv2d-backprop-input.ts) runs through it too.
 * @internal
 */
export function conv2DWasmConfig(fallback: KernelFunc): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const { x, filter } = args.inputs as { x: TensorInfo; filter: TensorInfo };
    const info = convInfo(x, filter, args.attrs as unknown as Conv2DAttrs);
    const native = info && conv2dNative(args.backend as KernelBackend, x, filter, info);
    return native ?? fallback(args);
  };
  return { kernelName: 'Conv2D', backendName: 'wasm', kernelFunc };
}

/**
 * `FusedConv2D` (convolution, bias, activation: what tfjs-layers runs outside of gradient tapes)
 * for `wasm` by the native convolution, which adds the bias and applies `linear`, `relu` or `relu6`
 * in the same pass; other activations, PReLU weights and the cases `Conv2D` leaves go to the
 * shipped kernel.
 * @internal
 */
export function fusedConv2DWasmConfig(fallback: KernelFunc): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const { x, filter, bias, preluActivationWeights } = args.inputs as {
      x: TensorInfo;
      filter: TensorInfo;
      bias?: TensorInfo;
      preluActivationWeights?: TensorInfo;
    };
    const attrs = args.attrs as unknown as FusedConv2DAttrs;
    if (preluActivationWeights || !isNativeActivation(attrs.activation)) return fallback(args);
    const info = convInfo(x, filter, attrs);
    const native =
      info && conv2dNative(args.backend as KernelBackend, x, filter, info, bias, attrs.activation);
    return native ?? fallback(args);
  };
  return { kernelName: 'FusedConv2D', backendName: 'wasm', kernelFunc };
}
