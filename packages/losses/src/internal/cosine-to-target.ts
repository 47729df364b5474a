import * as tf from '@tensorflow/tfjs-core';
import { l2Normalize } from '@tessera/core';
import { stopGradient } from '@tessera/core';

/** Row-wise cos(p, stopgrad(z)): no gradient reaches the target branch. @internal */
export function cosineToTarget(p: tf.Tensor2D, z: tf.Tensor2D): tf.Tensor1D {
  return tf.sum(tf.mul(l2Normalize(p), l2Normalize(stopGradient(z))), 1) as tf.Tensor1D;
}
