import type {
  Conv2DBackpropInputAttrs,
  KernelBackend,
  KernelConfig,
  KernelFunc,
  NamedAttrMap,
  TensorInfo,
} from '@tensorflow/tfjs-core';
import { channelsLastConvInfo } from './conv2d';
import { runKernel, withTemporaries } from './run-kernel';

/**
 * A faster `Conv2DBackpropInput` (the gradient of conv2d with respect to its input) for `wasm`,
 * built from wasm's XNNPACK `Conv2D`. The kernel wasm 4.22 ships is a scalar loop, about 10× slower
 * than a convolution of the same size; it stays as `fallback` for the cases this one does not cover.
 *
 * Forward (stride s, top/left padding t, l): `y[n, i, j, o] = Σ_{p, q, c} x[n, i·s + p − t, j·s + q − l, c] · w[p, q, c, o]`.
 * Hence `dx[n, a, b, c] = Σ_{p, q, o} dyd[n, a + t − p, b + l − q, o] · w[p, q, c, o]`, where `dyd` is
 * `dy` with s − 1 zeros inserted between rows and columns. That is a stride-1 conv2d of `dyd`, padded
 * by `KH − 1 − t` above and as needed below to give H rows (likewise for columns), with the filter
 * flipped in space and its channels swapped: `w'[p, q, o, c] = w[KH − 1 − p, KW − 1 − q, c, o]`.
 *
 * Falls back when the data format is NCHW or a padding is at least the kernel size (then the padding
 * above would be negative).
 * @internal
 */
export function conv2DBackpropInputWasmConfig(fallback: KernelFunc): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const { inputs, backend } = args;
    const attrs = args.attrs as unknown as Conv2DBackpropInputAttrs;
    if (attrs.dataFormat === 'NCHW') return fallback(args);
    const wasm = backend as KernelBackend;
    const dy = inputs.dy as TensorInfo;
    const filter = inputs.filter as TensorInfo;
    const [kh, kw] = filter.shape as [number, number, number, number];
    const info = channelsLastConvInfo(attrs.inputShape, filter.shape, attrs);
    const { top, left } = info.padInfo;
    const [n, outH, outW, outC] = dy.shape as [number, number, number, number];
    const [, inH, inW] = attrs.inputShape;
    const sh = info.strideHeight;
    const sw = info.strideWidth;
    const padTop = kh - 1 - top;
    const padLeft = kw - 1 - left;
    const dilatedH = (outH - 1) * sh + 1;
    const dilatedW = (outW - 1) * sw + 1;
    const padBottom = inH - dilatedH - padTop + kh - 1;
    const padRight = inW - dilatedW - padLeft + kw - 1;
    if (Math.min(padTop, padLeft, padBottom, padRight) < 0) return fallback(args);

    return withTemporaries('wasm', wasm, (run) => {
      let dyd = dy;
      if (sh > 1 || sw > 1) {
        // Insert zeros: [n, oh, ow, o] → [n, oh, 1, ow, 1, o] → pad to [n, oh, sh, ow, sw, o] → merge → cut.
        const r = run('Reshape', { x: dy }, { shape: [n, outH, 1, outW, 1, outC] });
        const padded = run(
          'PadV2',
          { x: r },
          {
            paddings: [
              [0, 0],
              [0, 0],
              [0, sh - 1],
              [0, 0],
              [0, sw - 1],
              [0, 0],
            ],
            constantValue: 0,
          },
        );
        const merged = run('Reshape', { x: padded }, { shape: [n, outH * sh, outW * sw, outC] });
        dyd = run(
          'Slice',
          { x: merged },
          { begin: [0, 0, 0, 0], size: [n, dilatedH, dilatedW, outC] },
        );
      }
      const flipped = run('Reverse', { x: filter }, { dims: [0, 1] });
      const swapped = run('Transpose', { x: flipped }, { perm: [0, 1, 3, 2] });
      return runKernel('Conv2D', 'wasm', wasm, { x: dyd, filter: swapped }, {
        strides: [1, 1],
        pad: [
          [0, 0],
          [padTop, padBottom],
          [padLeft, padRight],
          [0, 0],
        ],
        dataFormat: 'NHWC',
        dilations: [1, 1],
        dimRoundingMode: undefined,
      } as unknown as NamedAttrMap);
    });
  };
  return { kernelName: 'Conv2DBackpropInput', backendName: 'wasm', kernelFunc };
}
