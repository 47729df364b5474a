import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { vi } from 'vitest';

/** A tensor's bytes, for comparisons to the bit. */
export const bits = async (t: tf.Tensor): Promise<Buffer> => Buffer.from((await t.data()).buffer);

/** The output of `layer` on `x`, the gradient of Σ r ⊙ layer(x) and the kernels that ran for it. */
export function outputAndGrad(layer: tfl.layers.Layer, x: tf.Tensor, r: tf.Tensor) {
  const runKernel = vi.spyOn(tf.engine(), 'runKernel');
  const f = (a: tf.Tensor) => tf.sum(tf.mul(layer.apply(a, { training: true }) as tf.Tensor, r));
  const { value, grad } = tf.valueAndGrad(f)(x);
  const ran = new Set(runKernel.mock.calls.map(([name]) => name));
  runKernel.mockRestore();
  const y = layer.apply(x) as tf.Tensor;
  return { y, value, grad, ran };
}
