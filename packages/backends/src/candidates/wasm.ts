import type { Candidate } from '../select/candidate';
import { firstLine } from '../select/self-check';
import { loadFailure } from '../select/load-failure';
import { backend } from '@tensorflow/tfjs-core';
import { compileNativeKernels, prepareNativeKernels } from '../wasm/native/native-kernels';
import { registerWasmTrainingKernels } from '../wasm/register-wasm-training-kernels';
import { relaxedSimdTurnedOff } from '../wasm/native/relaxed-simd';

/** Why the kernels run without fused multiply-adds, and how to turn them on. */
function noRelaxedSimd(): string {
  if (relaxedSimdTurnedOff()) return 'relaxed SIMD turned off (TESSERA_RELAXED_SIMD=0)';
  return typeof process === 'object' && typeof process.versions?.node === 'string'
    ? 'no relaxed SIMD in this Node (Node 20: run with --experimental-wasm-relaxed-simd; on by default from Node 22)'
    : 'no relaxed SIMD in this browser (Chrome and Edge have it from 114)';
}

/** XNNPACK through WebAssembly, with Tessera's training kernels added. @internal */
export const wasmCandidate: Candidate = {
  name: 'wasm',
  async prepare({ wasmPaths }) {
    try {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      if (wasmPaths !== undefined) wasm.setWasmPaths(wasmPaths);
      const { added } = registerWasmTrainingKernels();
      await compileNativeKernels().catch(() => undefined); // reported by activated()
      const kernels = added.length > 0 ? `; training kernels added: ${added.join(', ')}` : '';
      return { ok: true, note: `WebAssembly (XNNPACK)${kernels}` };
    } catch (e) {
      return { ok: false, reason: loadFailure('@tensorflow/tfjs-backend-wasm', e) };
    }
  },
  async activated() {
    const native = await prepareNativeKernels(backend());
    if (!native.ok) return `native kernels off (${native.reason})`;
    const failed =
      native.failures.length > 0
        ? ` (${native.failures.length} failed to start: ${firstLine(native.failures[0])})`
        : '';
    const instructions =
      native.instructions === 'relaxed-simd'
        ? 'relaxed SIMD: fused multiply-adds'
        : `SIMD128: ${noRelaxedSimd()}`;
    return `native kernels (convolution, filter gradient, batch norm, max-pool, ReLU and pooling gradients) on ${native.threads} thread${native.threads === 1 ? '' : 's'}, ${instructions}${failed}`;
  },
};
