import * as tf from '@tensorflow/tfjs-core';
import { assertShape, toTensor2D } from '@tessera/core';
import type { TensorLike2D } from '@tessera/core';

/** Boxes as a `[n, 4]` float tensor, from a tensor or nested array (call inside tf.tidy). @internal */
export function toBoxes(
  boxes: tf.Tensor2D | TensorLike2D,
  functionName: string,
  argument: string,
): tf.Tensor2D {
  if (Array.isArray(boxes) && boxes.length === 0) return tf.zeros([0, 4]); // empty in, empty out
  const t = toTensor2D(boxes, { functionName, argument });
  assertShape(t, [null, 4], functionName, argument);
  return t;
}
