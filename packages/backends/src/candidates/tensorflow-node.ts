import type { Candidate } from '../select/candidate';
import { loadFailure } from '../select/load-failure';

/**
 * Native TensorFlow in Node: `@tensorflow/tfjs-node-gpu` (CUDA) where it loads, else
 * `@tensorflow/tfjs-node` (CPU libtensorflow). Both are optional peer dependencies whose install
 * scripts download libtensorflow, so they fail to load where that download could not happen; the
 * reason names both. @internal
 */
export const tensorflowCandidate: Candidate = {
  name: 'tensorflow',
  async prepare() {
    const failures: string[] = [];
    for (const [pkg, what] of [
      ['@tensorflow/tfjs-node-gpu', 'native TensorFlow with CUDA (libtensorflow GPU)'],
      ['@tensorflow/tfjs-node', 'native TensorFlow (libtensorflow)'],
    ] as const) {
      try {
        await import(/* @vite-ignore */ pkg);
        return { ok: true, note: `${what} through ${pkg}` };
      } catch (e) {
        failures.push(loadFailure(pkg, e));
      }
    }
    // tfjs-node's own error first: the package most users install
    return { ok: false, reason: failures.reverse().join('; ') };
  },
};
