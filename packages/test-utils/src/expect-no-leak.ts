import * as tf from '@tensorflow/tfjs-core';

/**
 * Runs `fn` (sync or async) and asserts that `tf.memory().numTensors` is the same afterwards
 * (tfjs `boolean_mask_test.ts`). Tensors that `fn` returns count as leaked unless it disposes them,
 * so write `expectNoLeak(() => { loss(a, b).dispose(); })`.
 *
 * Resolves to `fn`'s result; throws with the number of leaked tensors otherwise.
 */
export async function expectNoLeak<T>(fn: () => T | Promise<T>): Promise<T> {
  const before = tf.memory().numTensors;
  const result = await fn();
  const after = tf.memory().numTensors;
  if (after !== before) {
    throw new Error(
      `expectNoLeak: ${after - before} tensor(s) ${after > before ? 'leaked' : 'disposed that the function did not own'} ` +
        `(numTensors ${before} before, ${after} after) on backend '${tf.getBackend()}'.`,
    );
  }
  return result;
}
