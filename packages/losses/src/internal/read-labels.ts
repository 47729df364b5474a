import type * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError, toInt32Array } from '@tessera/core';
import type { TensorLike1D } from '@tessera/core';

/**
 * Reads integer labels (a tensor or an array) into an `Int32Array` of length `n`, for the masks of
 * label-aware losses. Labels are small (`[batch]`), so reading them synchronously is cheap.
 * @internal
 */
export function readLabels(
  labels: TensorLike1D | tf.Tensor,
  n: number,
  functionName: string,
  argument = 'labels',
): Int32Array {
  const values = toInt32Array(labels as tf.Tensor, { functionName, argument });
  const shape = (labels as { shape?: number[] }).shape;
  if ((shape && shape.length !== 1) || values.length !== n) {
    throw new InvalidArgumentError({
      functionName,
      argument,
      detail: `${argument} must have shape [${n}] (one per row), got ${shape ? `[${shape.join(',')}]` : `${values.length} values`}.`,
    });
  }
  return values;
}
