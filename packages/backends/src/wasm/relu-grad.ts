import type { KernelBackend, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { TESSERA_KERNELS } from '@tessera/core';
import { checkFloat32, type HeapBackend } from './heap-backend';
import { reluGradNative } from './native/relu-grad-native';

/**
 * `TesseraReluGrad` (see `TESSERA_KERNELS` in `@tessera/core`) for `wasm`: ReLU's gradient
 * `dy · step(x)`, the same values as TF.js's `Relu` gradient (a `Step` and a `Multiply`, two
 * full-size passes and a full-size temporary) in one pass by native/relu-grad.c on every wasm
 * thread. A plain loop until the native kernels are ready.
 * @internal
 */
export function reluGradWasmConfig(): KernelConfig {
  const name = TESSERA_KERNELS.reluGrad;
  const kernelFunc: KernelFunc = ({ inputs, backend }) => {
    const { dy, x } = inputs as Record<string, TensorInfo | undefined>;
    checkFloat32(name, { dy, x });
    if (String(dy!.shape) !== String(x!.shape))
      throw new Error(`${name}: dy [${dy!.shape}] and x [${x!.shape}] differ in shape`);
    const heap = backend as unknown as HeapBackend;
    const dx = heap.makeOutput([...x!.shape], 'float32');
    const count = x!.shape.reduce((a, b) => a * b, 1);
    if (count === 0 || reluGradNative(backend as KernelBackend, dy!, x!, dx, count)) return dx;
    // views after the allocation (it may grow the heap)
    const g = heap.typedArrayFromHeap(dy!);
    const v = heap.typedArrayFromHeap(x!);
    const out = heap.typedArrayFromHeap(dx);
    for (let i = 0; i < count; i++) {
      const xi = v[i] as number;
      out[i] = (g[i] as number) * (xi > 0 ? 1 : Number.isNaN(xi) ? NaN : 0);
    }
    return dx;
  };
  return { kernelName: name, backendName: 'wasm', kernelFunc };
}
