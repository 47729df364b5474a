import type {
  KernelBackend,
  KernelConfig,
  KernelFunc,
  TensorInfo,
  TransposeAttrs,
} from '@tensorflow/tfjs-core';
import { transposeNative } from './native/transpose-native';
import type { TypedHeapBackend } from './heap-backend';

/**
 * `Transpose` on `wasm` for a swap of the last two axes (`perm = [0, …, r−3, r−1, r−2]`, every
 * matmul gradient's transposed operand and `tf.transpose` of a matrix) of float32 or int32 data:
 * native/transpose.c moves 4×4 blocks through registers, tile by tile, on every wasm thread. The
 * shipped kernel reads with a stride per element (≈ 9.5 ns an element here: 33 ms for a
 * 2048 × 2048 matrix, the NT-Xent gradient's). Other permutations and dtypes, and the time before
 * the native kernels are ready, go to the shipped kernel. @internal
 */
export function transposeWasmConfig(shipped: KernelFunc): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const { x } = args.inputs as { x: TensorInfo };
    const { perm } = args.attrs as unknown as TransposeAttrs;
    const r = x.shape.length;
    const swapsLastTwo =
      r >= 2 && perm.length === r && perm.every((p, i) => p === (i < r - 2 ? i : 2 * r - 3 - i));
    if (!swapsLastTwo || (x.dtype !== 'float32' && x.dtype !== 'int32')) return shipped(args);
    const rows = x.shape[r - 2]!;
    const cols = x.shape[r - 1]!;
    const batch = x.shape.slice(0, r - 2).reduce((a, b) => a * b, 1);
    const shape = [...x.shape.slice(0, r - 2), cols, rows];
    const out = (args.backend as unknown as TypedHeapBackend).makeOutput(shape, x.dtype);
    if (batch * rows * cols === 0) return out;
    if (transposeNative(args.backend as KernelBackend, x, out, batch, rows, cols)) return out;
    (args.backend as KernelBackend).disposeData(out.dataId);
    return shipped(args);
  };
  return { kernelName: 'Transpose', backendName: 'wasm', kernelFunc };
}
