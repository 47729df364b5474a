import type { Candidate } from '../select/candidate';
import { firstLine } from '../select/self-check';
import { registerWasmTrainingKernels } from '../wasm/register-wasm-training-kernels';

/** XNNPACK through WebAssembly, with Tessera's training kernels added. @internal */
export const wasmCandidate: Candidate = {
  name: 'wasm',
  async prepare({ wasmPaths }) {
    try {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      if (wasmPaths !== undefined) wasm.setWasmPaths(wasmPaths);
      const { added } = registerWasmTrainingKernels();
      const kernels = added.length > 0 ? `; training kernels added: ${added.join(', ')}` : '';
      return { ok: true, note: `WebAssembly (XNNPACK)${kernels}` };
    } catch (e) {
      return { ok: false, reason: `@tensorflow/tfjs-backend-wasm could not load: ${firstLine(e)}` };
    }
  },
};
