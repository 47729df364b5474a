import type { Candidate } from '../select/candidate';
import { firstLine } from '../select/self-check';
import { loadFailure } from '../select/load-failure';
import { backend } from '@tensorflow/tfjs-core';
import { compileNativeKernels, prepareNativeKernels } from '../wasm/native/native-kernels';
import { registerWasmTrainingKernels } from '../wasm/register-wasm-training-kernels';

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
    return `native kernels (convolution, filter gradient, batch norm, max-pool, ReLU and pooling gradients) on ${native.threads} thread${native.threads === 1 ? '' : 's'}${failed}`;
  },
};
