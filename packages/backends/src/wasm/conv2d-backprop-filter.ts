import { backend_util } from '@tensorflow/tfjs-core';
import type {
  Conv2DBackpropFilterAttrs,
  KernelBackend,
  KernelConfig,
  KernelFunc,
  TensorInfo,
} from '@tensorflow/tfjs-core';
import { cpuFallbackKernel } from './cpu-fallback-kernel';
import { filterGradNative } from './native/filter-grad-native';
import { runKernel, withTemporaries } from './run-kernel';

/**
 * `Conv2DBackpropFilter` (the gradient of conv2d with respect to its filter) for `wasm`: Tessera's
 * native kernel (native/filter-grad.c, on every wasm thread) when it is ready, else built from
 * wasm's own XNNPACK kernels as follows.
 *
 * Forward: `y[n, i, j, o] = Σ_{p, q, c} xpad[n, i·sh + p, j·sw + q, c] · w[p, q, c, o]`. So
 * `dw[p, q, c, o] = Σ_{n, i, j} xpad[n, p + i·sh, q + j·sw, c] · dy[n, i, j, o]`, which is itself a
 * conv2d: input `xᵀ = transpose(x, [3, 1, 2, 0])` (`[C, H, W, N]`, padded as the forward pass),
 * filter `dyᵀ = transpose(dy, [1, 2, 0, 3])` (`[OH, OW, N, O]`), stride 1, dilation = the forward
 * stride. Its `[C, ≥KH, ≥KW, O]` output is cut to `[C, KH, KW, O]` and transposed to `[KH, KW, C, O]`.
 * (tfjs supports no dilation in conv gradients, so the forward dilation is always 1.)
 *
 * NCHW input is rare and wasm's Conv2D is NHWC-only: that case runs the cpu kernel.
 * @internal
 */
export function conv2DBackpropFilterWasmConfig(): KernelConfig {
  const fallback = cpuFallbackKernel('Conv2DBackpropFilter', 'wasm').kernelFunc;
  const kernelFunc: KernelFunc = (args) => {
    const { inputs, backend } = args;
    const attrs = args.attrs as unknown as Conv2DBackpropFilterAttrs;
    if (attrs.dataFormat === 'NCHW') return fallback(args);
    const wasm = backend as KernelBackend;
    const x = inputs.x as TensorInfo;
    const dy = inputs.dy as TensorInfo;
    const [kh, kw, inC, outC] = attrs.filterShape;
    const info = backend_util.computeConv2DInfo(
      x.shape as [number, number, number, number],
      attrs.filterShape,
      attrs.strides,
      1,
      attrs.pad,
      attrs.dimRoundingMode,
      false,
      'channelsLast',
    );
    const native = filterGradNative(wasm, x, dy, info);
    if (native) return native;
    const { top, bottom, left, right } = info.padInfo;
    return withTemporaries('wasm', wasm, (run) => {
      const xT = run('Transpose', { x }, { perm: [3, 1, 2, 0] });
      const dyT = run('Transpose', { x: dy }, { perm: [1, 2, 0, 3] });
      const conv = run(
        'Conv2D',
        { x: xT, filter: dyT },
        {
          strides: [1, 1],
          pad: [
            [0, 0],
            [top, bottom],
            [left, right],
            [0, 0],
          ],
          dataFormat: 'NHWC',
          dilations: [info.strideHeight, info.strideWidth],
          dimRoundingMode: undefined,
        },
      );
      const fits = conv.shape[1] === kh && conv.shape[2] === kw;
      const cut = fits
        ? conv
        : run('Slice', { x: conv }, { begin: [0, 0, 0, 0], size: [inC, kh, kw, outC] });
      return runKernel('Transpose', 'wasm', wasm, { x: cut }, { perm: [1, 2, 0, 3] });
    });
  };
  return { kernelName: 'Conv2DBackpropFilter', backendName: 'wasm', kernelFunc };
}
