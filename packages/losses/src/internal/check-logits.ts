import type * as tf from '@tensorflow/tfjs-core';
import { assertRank, InvalidArgumentError } from '@tessera/core';

/** Discriminator logits: `[batch]` or `[batch, 1]`. @internal */
export function checkLogits(x: tf.Tensor, fn: string, arg: string): void {
  assertRank(x, [1, 2], fn, arg);
  if (x.rank === 2 && x.shape[1] !== 1) {
    throw new InvalidArgumentError({
      functionName: fn,
      argument: arg,
      detail: `${arg} must have shape [batch] or [batch, 1], got [${x.shape}].`,
    });
  }
}
