import type { Candidate } from '../select/candidate';
import { firstLine } from '../select/self-check';
import { describeAdapter, summarizeAdapter } from '../webgpu/adapter-summary';
import { installNodeWebGpu } from '../webgpu/install-node-webgpu';
import { registerWebGpuBackend } from '../webgpu/register-webgpu-backend';

/** WebGPU in Node through Dawn (the optional `webgpu` package). @internal */
export const nodeWebGpuCandidate: Candidate = {
  name: 'webgpu',
  async prepare() {
    try {
      const found = await installNodeWebGpu();
      if (!found.adapter) return { ok: false, reason: found.reason ?? 'no WebGPU adapter' };
      const summary = summarizeAdapter(found.adapter);
      await registerWebGpuBackend(found.adapter);
      const via = found.swiftShaderIcd ? ` via ${found.swiftShaderIcd}` : '';
      return {
        ok: true,
        adapter: summary,
        note: `WebGPU through Dawn on ${describeAdapter(summary)}${via}`,
      };
    } catch (e) {
      return { ok: false, reason: `WebGPU through Dawn failed: ${firstLine(e)}` };
    }
  },
};
