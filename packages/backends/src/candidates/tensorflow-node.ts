import type { Candidate } from '../select/candidate';
import { firstLine } from '../select/self-check';

/**
 * Native TensorFlow through `@tensorflow/tfjs-node` (an optional dependency; its install script
 * downloads libtensorflow, so it is missing where that download could not happen). @internal
 */
export const tensorflowCandidate: Candidate = {
  name: 'tensorflow',
  async prepare() {
    try {
      await import('@tensorflow/tfjs-node');
      return { ok: true, note: 'native TensorFlow (libtensorflow) through @tensorflow/tfjs-node' };
    } catch (e) {
      return { ok: false, reason: `@tensorflow/tfjs-node could not load: ${firstLine(e)}` };
    }
  },
};
