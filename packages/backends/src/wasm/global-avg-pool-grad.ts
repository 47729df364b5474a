import type { KernelBackend, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { TESSERA_KERNELS } from '@tessera/core';
import { checkFloat32, type HeapBackend } from './heap-backend';
import { globalAvgPoolGradNative } from './native/global-avg-pool-grad-native';

/**
 * `TesseraGlobalAvgPoolGrad` (see `TESSERA_KERNELS` in `@tessera/core`) for `wasm`: the gradient
 * of global average pooling, `dy[n, c] / (H·W)` at every pixel, in one write of `dx` by
 * native/global-avg-pool-grad.c on every wasm thread. TF.js's gradient of `tf.mean` multiplies
 * `dy` broadcast against a full-size tensor of ones and divides the product (a fill, a
 * broadcasting multiply and a division, all full-size). A plain loop until the native kernels
 * are ready.
 * @internal
 */
export function globalAvgPoolGradWasmConfig(): KernelConfig {
  const name = TESSERA_KERNELS.globalAvgPoolGrad;
  const kernelFunc: KernelFunc = ({ inputs, attrs, backend }) => {
    // checked by checkFloat32 (it may be missing)
    const dy = (inputs as Record<string, TensorInfo>).dy as TensorInfo;
    checkFloat32(name, { dy });
    const shape = (attrs as { inputShape?: unknown }).inputShape;
    if (
      !Array.isArray(shape) ||
      shape.length !== 4 ||
      !shape.every((d) => Number.isInteger(d) && d >= 0)
    )
      throw new Error(`${name}: attribute inputShape must be [N, H, W, C], got ${String(shape)}`);
    const [n, h, w, c] = shape as [number, number, number, number];
    if (String(dy.shape) !== String([n, c]))
      throw new Error(
        `${name}: dy must be [${n}, ${c}] for inputShape [${shape}], got [${dy.shape}]`,
      );
    const heap = backend as unknown as HeapBackend;
    const dx = heap.makeOutput([n, h, w, c], 'float32');
    if (
      n * h * w * c === 0 ||
      globalAvgPoolGradNative(backend as KernelBackend, dy, dx, [n, h, w, c])
    )
      return dx;
    // views after the allocation (it may grow the heap)
    const g = heap.typedArrayFromHeap(dy);
    const out = heap.typedArrayFromHeap(dx);
    const size = h * w;
    for (let i = 0; i < n; i++) {
      const row = Float32Array.from(g.subarray(i * c, (i + 1) * c), (v) => v / size);
      for (let p = 0; p < size; p++) out.set(row, (i * size + p) * c);
    }
    return dx;
  };
  return { kernelName: name, backendName: 'wasm', kernelFunc };
}
