import * as tf from '@tensorflow/tfjs-core';

type CustomGradFn = Parameters<typeof tf.customGrad>[0];

/**
 * Identity in the forward pass, zero gradient in the backward pass (PyTorch's `.detach()`).
 * TF.js has no public stop-gradient op, so this is a `customGrad`.
 * @internal
 */
export const stopGradient = tf.customGrad(((x: tf.Tensor) => ({
  value: tf.clone(x),
  gradFunc: () => tf.zerosLike(x),
})) as unknown as CustomGradFn) as <T extends tf.Tensor>(x: T) => T;
