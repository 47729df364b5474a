import type { Candidate } from '../select/candidate';
import { firstLine } from '../select/self-check';

/** Plain JavaScript kernels: always available, the slowest. @internal */
export const cpuCandidate: Candidate = {
  name: 'cpu',
  async prepare() {
    try {
      await import('@tensorflow/tfjs-backend-cpu');
      return { ok: true, note: 'plain JavaScript kernels (slowest; always available)' };
    } catch (e) {
      return { ok: false, reason: `@tensorflow/tfjs-backend-cpu could not load: ${firstLine(e)}` };
    }
  },
};
