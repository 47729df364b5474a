import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
// Gradients, as `@tensorflow/tfjs` and tfjs-layers register them for users.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import * as tf from '@tensorflow/tfjs-core';

/** Backends the Node test suites know how to start. Browser suites add `webgl` and `webgpu`. */
export const NODE_TEST_BACKENDS = ['cpu', 'wasm'] as const;

/**
 * Tolerance that follows backend precision (tfjs `testEpsilon`): float32 backends 1e-3,
 * WebGL on float16 textures 1e-1.
 */
export function testEpsilon(backend: string = tf.getBackend()): number {
  if (backend === 'webgl' && tf.env().getNumber('WEBGL_RENDER_FLOAT32_CAPABLE') === 0) return 1e-1;
  return 1e-3;
}

/**
 * The backends a run should cover: `TESSERA_BACKENDS=cpu,wasm` (comma-separated) when set,
 * otherwise `fallback`.
 */
export function requestedBackends(fallback: readonly string[] = NODE_TEST_BACKENDS): string[] {
  const env = typeof process !== 'undefined' ? process.env.TESSERA_BACKENDS : undefined;
  const list = env
    ? env
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [...fallback];
  return list;
}

/**
 * Makes `name` the active backend, waiting for it to initialise. Resolves to `false` (with the
 * reason) when it is not registered or fails to start, so suites can skip instead of erroring.
 */
export async function activateBackend(name: string): Promise<{ ok: boolean; reason?: string }> {
  if (tf.findBackendFactory(name) === null)
    return { ok: false, reason: `backend '${name}' is not registered` };
  try {
    const ok = await tf.setBackend(name);
    await tf.ready();
    return ok ? { ok: true } : { ok: false, reason: `tf.setBackend('${name}') returned false` };
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message : String(e) };
  }
}
