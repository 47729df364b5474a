import type { KernelBackend, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { TESSERA_KERNELS } from '@tessera/core';
import { checkFloat32, type HeapBackend } from './heap-backend';
import { scaledSymmetricMatMulNative } from './native/scaled-symmetric-matmul-native';

/**
 * `TesseraScaledSymmetricMatMul` (see `TESSERA_KERNELS` in `@tessera/core`) for `wasm`:
 * `(diag(g)·p + (diag(g)·p)ᵀ)·u` by native/scaled-symmetric-matmul.c on every wasm thread, the
 * `[n, n]` factor formed a block at a time and never written out, where the composed ops write
 * it and multiply it. A plain loop (the same bits) until the native kernels are ready.
 * @internal
 */
export function scaledSymmetricMatMulWasmConfig(): KernelConfig {
  const name = TESSERA_KERNELS.scaledSymmetricMatMul;
  const kernelFunc: KernelFunc = ({ inputs, backend }) => {
    const { p, g, u } = inputs as Record<string, TensorInfo | undefined>;
    checkFloat32(name, { p, g, u });
    const [n, d] = [p!.shape[0]!, u!.shape[1] ?? -1];
    if (
      p!.shape.length !== 2 ||
      p!.shape[1] !== n ||
      String(g!.shape) !== String([n]) ||
      u!.shape.length !== 2 ||
      u!.shape[0] !== n
    )
      throw new Error(
        `${name}: expected p [n, n], g [n] and u [n, d], got [${p!.shape}], [${g!.shape}] and [${u!.shape}]`,
      );
    const heap = backend as unknown as HeapBackend;
    const out = heap.makeOutput([n, d], 'float32');
    if (n * d === 0 || scaledSymmetricMatMulNative(backend as KernelBackend, p!, g!, u!, out, n, d))
      return out;
    // views after the allocation (it may grow the heap)
    const [pv, gv, uv, o] = [p!, g!, u!, out].map((t) => heap.typedArrayFromHeap(t));
    const f = Math.fround;
    const sums = new Float32Array(d);
    for (let i = 0; i < n; i++) {
      sums.fill(0);
      for (let j = 0; j < n; j++) {
        const a = f(f(pv![i * n + j]! * gv![i]!) + f(pv![j * n + i]! * gv![j]!));
        for (let c = 0; c < d; c++) sums[c] = sums[c]! + f(a * uv![j * d + c]!);
      }
      o!.set(sums, i * d);
    }
    return out;
  };
  return { kernelName: name, backendName: 'wasm', kernelFunc };
}
