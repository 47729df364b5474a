import { clone, customGrad, zerosLike } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';

type CustomGradFn = Parameters<typeof customGrad>[0];

/**
 * Identity in the forward pass, zero gradient in the backward pass — PyTorch's `.detach()`, which
 * TF.js lacks. Used for SimSiam/BYOL targets, CIoU's α, and normalisers estimated from the batch.
 *
 * @param x - Any tensor.
 * @returns A tensor equal to `x` through which no gradient flows.
 * @example
 * ```ts
 * tf.grad((x) => tf.mul(x, stopGradient(x)))(tf.scalar(3)); // 3, not 6
 * ```
 * @category Ops
 */
export const stopGradient = customGrad(((x: Tensor) => ({
  value: clone(x),
  gradFunc: () => zerosLike(x),
})) as unknown as CustomGradFn) as <T extends Tensor>(x: T) => T;
