import type { Candidate } from '../select/candidate';
import { firstLine } from '../select/self-check';

/** WebGL 2 shaders (browser only); fails at activation when no context can be created. @internal */
export const webglCandidate: Candidate = {
  name: 'webgl',
  async prepare() {
    if (typeof document === 'undefined' && typeof OffscreenCanvas === 'undefined') {
      return { ok: false, reason: 'no canvas to create a WebGL context (not a browser)' };
    }
    try {
      await import('@tensorflow/tfjs-backend-webgl');
      return { ok: true, note: 'WebGL 2 fragment shaders' };
    } catch (e) {
      return { ok: false, reason: `@tensorflow/tfjs-backend-webgl could not load: ${firstLine(e)}` };
    }
  },
};
