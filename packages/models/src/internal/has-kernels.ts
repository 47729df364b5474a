import * as tf from '@tensorflow/tfjs-core';

/** Whether the active backend registers every kernel named (e.g. Tessera's, `TESSERA_KERNELS`). @internal */
export function hasKernels(...names: readonly string[]): boolean {
  const backend = tf.getBackend();
  return names.every((name) => tf.getKernel(name, backend) !== undefined);
}
