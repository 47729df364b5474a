import * as tf from '@tensorflow/tfjs-core';

/** The chained methods tfjs-layers' initializers call on tensors (the GRU's `orthogonal`). */
const FORWARDED = [
  'reshape',
  'transpose',
  'sign',
  'stridedSlice',
  'matMul',
  'mul',
  'slice',
] as const;

/**
 * Makes sure the tensor methods tfjs-layers' orthogonal initializer chains (`x.reshape(…)`,
 * `x.flatten()`, …) exist. `@tensorflow/tfjs` installs them all; tfjs-core alone does not, and its
 * `register_all_chained_ops` module cannot be loaded by Node (extensionless ESM imports), so the
 * missing ones are forwarded to the ops of the same name. Existing methods are left alone.
 * @internal
 */
export function ensureChainedOps(): void {
  const proto = tf.Tensor.prototype as unknown as Record<string, unknown>;
  const ops = tf as unknown as Record<string, (...args: unknown[]) => tf.Tensor>;
  for (const name of FORWARDED) {
    if (typeof proto[name] === 'function') continue;
    const op = ops[name];
    if (typeof op !== 'function') continue;
    proto[name] = function (this: tf.Tensor, ...args: unknown[]) {
      return op(this, ...args);
    };
  }
  if (typeof proto.flatten !== 'function')
    proto.flatten = function (this: tf.Tensor) {
      return tf.reshape(this, [this.size]);
    };
}
