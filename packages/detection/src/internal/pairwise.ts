import * as tf from '@tensorflow/tfjs-core';
import type { TensorLike2D } from '@tessera/core';
import { type BoxGeometry, boxGeometry } from './box-geometry';
import { toBoxes } from './to-boxes';

/** Runs `f` on the geometry of every pair (`[n, m]`) of two `xyxy` box sets, inside tf.tidy. @internal */
export function pairwise(
  boxes1: tf.Tensor2D | TensorLike2D,
  boxes2: tf.Tensor2D | TensorLike2D,
  functionName: string,
  f: (g: BoxGeometry) => tf.Tensor,
): tf.Tensor2D {
  return tf.tidy(() => {
    const a = tf.expandDims(toBoxes(boxes1, functionName, 'boxes1'), 1);
    const b = tf.expandDims(toBoxes(boxes2, functionName, 'boxes2'), 0);
    return f(boxGeometry(a, b)) as tf.Tensor2D;
  });
}
