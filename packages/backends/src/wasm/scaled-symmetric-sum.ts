import type { KernelBackend, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { TESSERA_KERNELS } from '@tessera/core';
import { checkFloat32, type HeapBackend } from './heap-backend';
import { scaledSymmetricSumNative } from './native/scaled-symmetric-sum-native';

/**
 * `TesseraScaledSymmetricSum` (see `TESSERA_KERNELS` in `@tessera/core`) for `wasm`:
 * `p[i, j]·g[i] + p[j, i]·g[j]` in one pass by native/scaled-symmetric-sum.c on every wasm thread,
 * where the composed ops multiply, transpose and add (three passes over `[n, n]`, the same bits).
 * A plain loop until the native kernels are ready.
 * @internal
 */
export function scaledSymmetricSumWasmConfig(): KernelConfig {
  const name = TESSERA_KERNELS.scaledSymmetricSum;
  const kernelFunc: KernelFunc = ({ inputs, backend }) => {
    const { p, g } = inputs as Record<string, TensorInfo | undefined>;
    checkFloat32(name, { p, g });
    const n = p!.shape[0]!;
    if (p!.shape.length !== 2 || p!.shape[1] !== n || String(g!.shape) !== String([n]))
      throw new Error(`${name}: expected p [n, n] and g [n], got [${p!.shape}] and [${g!.shape}]`);
    const heap = backend as unknown as HeapBackend;
    const out = heap.makeOutput([n, n], 'float32');
    if (n === 0 || scaledSymmetricSumNative(backend as KernelBackend, p!, g!, out, n)) return out;
    // views after the allocation (it may grow the heap)
    const [pv, gv, o] = [p!, g!, out].map((t) => heap.typedArrayFromHeap(t));
    const f = Math.fround;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++)
        o![i * n + j] = f(pv![i * n + j]! * gv![i]!) + f(pv![j * n + i]! * gv![j]!);
    return out;
  };
  return { kernelName: name, backendName: 'wasm', kernelFunc };
}
