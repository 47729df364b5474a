import type {
  BatchMatMulAttrs,
  KernelBackend,
  KernelConfig,
  KernelFunc,
  TensorInfo,
} from '@tensorflow/tfjs-core';
import { withTemporaries } from './run-kernel';

/**
 * A faster `BatchMatMul` for `wasm` when an operand is transposed. wasm 4.22's kernel takes a slow
 * path for `transposeA`/`transposeB` — about 45× slower than the plain product on a 2048×2048·2048×128
 * matmul — and every matmul's backward pass uses those flags. This one transposes the operand
 * explicitly (XNNPACK's Transpose) and calls the shipped kernel without flags; the plain case goes
 * straight to the shipped kernel.
 * @internal
 */
export function batchMatMulWasmConfig(shipped: KernelFunc): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const attrs = args.attrs as unknown as BatchMatMulAttrs;
    if (!attrs.transposeA && !attrs.transposeB) return shipped(args);
    const wasm = args.backend as KernelBackend;
    return withTemporaries('wasm', wasm, (temp) => {
      const swapLast = (x: TensorInfo) => {
        const perm = x.shape.map((_, i) => i);
        const r = perm.length;
        [perm[r - 2], perm[r - 1]] = [perm[r - 1] as number, perm[r - 2] as number];
        return temp('Transpose', { x }, { perm });
      };
      const a = attrs.transposeA
        ? swapLast(args.inputs.a as TensorInfo)
        : (args.inputs.a as TensorInfo);
      const b = attrs.transposeB
        ? swapLast(args.inputs.b as TensorInfo)
        : (args.inputs.b as TensorInfo);
      return shipped({
        ...args,
        inputs: { a, b },
        attrs: { ...args.attrs, transposeA: false, transposeB: false },
      }) as TensorInfo;
    });
  };
  return { kernelName: 'BatchMatMul', backendName: 'wasm', kernelFunc };
}
