import type { Candidate } from '../select/candidate';
import { firstLine } from '../select/self-check';
import { describeAdapter, summarizeAdapter } from '../webgpu/adapter-summary';
import { registerWebGpuBackend } from '../webgpu/register-webgpu-backend';

/** WebGPU compute shaders in a browser (`navigator.gpu`). @internal */
export const browserWebGpuCandidate: Candidate = {
  name: 'webgpu',
  async prepare() {
    const gpu = (globalThis as { navigator?: { gpu?: GPU } }).navigator?.gpu;
    if (!gpu)
      return { ok: false, reason: 'this browser has no WebGPU (navigator.gpu is undefined)' };
    try {
      const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
      if (!adapter)
        return {
          ok: false,
          reason: 'navigator.gpu.requestAdapter() returned null (no usable GPU)',
        };
      const summary = summarizeAdapter(adapter);
      await registerWebGpuBackend(adapter);
      return { ok: true, adapter: summary, note: `WebGPU on ${describeAdapter(summary)}` };
    } catch (e) {
      return { ok: false, reason: `WebGPU adapter request failed: ${firstLine(e)}` };
    }
  },
};
