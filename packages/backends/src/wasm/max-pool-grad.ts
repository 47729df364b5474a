import { backend_util } from '@tensorflow/tfjs-core';
import type {
  KernelBackend,
  KernelConfig,
  KernelFunc,
  MaxPoolGradAttrs,
  TensorInfo,
} from '@tensorflow/tfjs-core';
import type { HeapBackend } from './heap-backend';
import { maxPoolGradNative } from './native/max-pool-grad-native';

/**
 * `MaxPoolGrad` for `wasm`: Tessera's native kernel (native/max-pool-grad.c, SIMD, on every wasm
 * thread) when it is ready, else this JavaScript loop, with the same rule and order: one pass over the input on the wasm heap, window by window with the
 * channels innermost (contiguous in NHWC), adding each output gradient to its window's first
 * maximum in row-major order — the argmax rule of TF.js's cpu kernel (strictly greater than the
 * best so far, starting from −∞, so a window of NaN or −∞ passes no gradient; padding is never a
 * maximum). The shipped kernel is a scalar loop over every input position, about 3× slower on the
 * `[512, 28, 28, 64]` input of a conv net's 2×2 pool, and breaks ties between equal values
 * differently from cpu when windows overlap (a ReLU's zeros tie often).
 * @internal
 */
export function maxPoolGradWasmConfig(shipped: KernelFunc): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const input = args.inputs.input as TensorInfo;
    const dy = args.inputs.dy as TensorInfo;
    const attrs = args.attrs as unknown as MaxPoolGradAttrs;
    const info = backend_util.computePool2DInfo(
      input.shape as [number, number, number, number],
      attrs.filterSize,
      attrs.strides,
      1,
      attrs.pad,
      attrs.dimRoundingMode,
    );
    if (input.dtype !== 'float32' || info.dilationHeight !== 1 || info.dilationWidth !== 1)
      return shipped(args);
    const wasm = args.backend as unknown as HeapBackend;
    const dx = wasm.makeOutput([...input.shape], 'float32');
    if (maxPoolGradNative(args.backend as KernelBackend, input, dy, dx, info)) return dx;
    // views after the allocation (it may grow the heap)
    const x = wasm.typedArrayFromHeap(input);
    const g = wasm.typedArrayFromHeap(dy);
    const out = wasm.typedArrayFromHeap(dx);
    out.fill(0);
    const { batchSize, inHeight, inWidth, inChannels: c, outHeight, outWidth } = info;
    const { filterHeight: fh, filterWidth: fw, strideHeight: sh, strideWidth: sw } = info;
    const { top, left } = info.padInfo;
    const best = new Float32Array(c);
    const at = new Int32Array(c);
    for (let b = 0; b < batchSize; b++) {
      for (let oy = 0; oy < outHeight; oy++) {
        const y0 = Math.max(oy * sh - top, 0);
        const y1 = Math.min(oy * sh - top + fh, inHeight);
        for (let ox = 0; ox < outWidth; ox++) {
          const x0 = Math.max(ox * sw - left, 0);
          const x1 = Math.min(ox * sw - left + fw, inWidth);
          best.fill(-Infinity);
          at.fill(-1);
          for (let iy = y0; iy < y1; iy++) {
            for (let ix = x0; ix < x1; ix++) {
              const row = ((b * inHeight + iy) * inWidth + ix) * c;
              for (let k = 0; k < c; k++) {
                const v = x[row + k] as number;
                if (v > (best[k] as number)) {
                  best[k] = v;
                  at[k] = row + k;
                }
              }
            }
          }
          const gRow = ((b * outHeight + oy) * outWidth + ox) * c;
          for (let k = 0; k < c; k++) {
            const p = at[k] as number;
            if (p >= 0) out[p] = (out[p] as number) + (g[gRow + k] as number);
          }
        }
      }
    }
    return dx;
  };
  return { kernelName: 'MaxPoolGrad', backendName: 'wasm', kernelFunc };
}
