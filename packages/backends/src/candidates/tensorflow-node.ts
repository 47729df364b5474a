import type { Candidate } from '../select/candidate';
import { loadFailure } from '../select/load-failure';

/**
 * Native TensorFlow through `@tensorflow/tfjs-node` (an optional peer dependency; its install
 * script downloads libtensorflow, so it fails to load where that download could not happen). @internal
 */
export const tensorflowCandidate: Candidate = {
  name: 'tensorflow',
  async prepare() {
    try {
      await import('@tensorflow/tfjs-node');
      return { ok: true, note: 'native TensorFlow (libtensorflow) through @tensorflow/tfjs-node' };
    } catch (e) {
      return { ok: false, reason: loadFailure('@tensorflow/tfjs-node', e) };
    }
  },
};
