import type { Candidate } from '../select/candidate';
import { loadCpuBackend } from '../select/load-cpu-backend';
import { loadFailure } from '../select/load-failure';

/** Plain JavaScript kernels: always available, the slowest. @internal */
export const cpuCandidate: Candidate = {
  name: 'cpu',
  async prepare() {
    try {
      await loadCpuBackend();
      return { ok: true, note: 'plain JavaScript kernels (slowest; always available)' };
    } catch (e) {
      return { ok: false, reason: loadFailure('@tensorflow/tfjs-backend-cpu', e) };
    }
  },
};
