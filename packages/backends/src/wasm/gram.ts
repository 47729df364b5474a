import type { KernelBackend, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { TESSERA_KERNELS } from '@tessera/core';
import { checkFloat32, type HeapBackend } from './heap-backend';
import { gramNative } from './native/gram-native';
import { runKernel } from './run-kernel';

/**
 * `TesseraGram` (see `TESSERA_KERNELS` in `@tessera/core`) for `wasm`: `u · uᵀ` by native/gram.c,
 * which computes only the tiles on and above the diagonal — half the products of `BatchMatMul` —
 * and mirrors them, on every wasm thread. Before the native kernels are ready, `BatchMatMul`.
 * @internal
 */
export function gramWasmConfig(): KernelConfig {
  const name = TESSERA_KERNELS.gram;
  const kernelFunc: KernelFunc = ({ inputs, backend }) => {
    const { u } = inputs as Record<string, TensorInfo | undefined>;
    checkFloat32(name, { u });
    if (u!.shape.length !== 2) throw new Error(`${name}: u must be a matrix, got [${u!.shape}]`);
    const [m, k] = u!.shape as [number, number];
    const wasm = backend as KernelBackend;
    const g = (backend as unknown as HeapBackend).makeOutput([m, m], 'float32');
    if (m === 0) return g;
    if (k === 0) {
      (backend as unknown as HeapBackend).typedArrayFromHeap(g).fill(0);
      return g;
    }
    if (gramNative(wasm, u!, g, m, k)) return g;
    wasm.disposeData(g.dataId);
    return runKernel(
      'BatchMatMul',
      'wasm',
      wasm,
      { a: u!, b: u! },
      {
        transposeA: false,
        transposeB: true,
      },
    );
  };
  return { kernelName: name, backendName: 'wasm', kernelFunc };
}
