import * as tf from '@tensorflow/tfjs-core';
import { assertSameShape } from '@tessera/core';
import type { Reduction, TensorLike2D } from '@tessera/core';
import { type BoxGeometry, boxGeometry } from './box-geometry';
import { reduceLosses as reduce } from '@tessera/core';
import { toBoxes } from './to-boxes';

/** Options of the box-regression losses. */
export interface BoxLossOptions {
  /** `'mean'` (default), `'sum'`, or `'none'` for `[numBoxes]` (torchvision's default is `'none'`). */
  reduction?: Reduction;
  /** Added to the denominators, as torchvision's losses. Default `1e-7`. */
  eps?: number;
}

/** Runs `f` on the geometry of paired boxes (`predicted[i]` with `target[i]`), then reduces. @internal */
export function pairedLoss(
  predicted: tf.Tensor2D | TensorLike2D,
  target: tf.Tensor2D | TensorLike2D,
  functionName: string,
  reduction: Reduction,
  f: (g: BoxGeometry) => tf.Tensor,
): tf.Tensor {
  return tf.tidy(() => {
    const a = toBoxes(predicted, functionName, 'predicted');
    const b = toBoxes(target, functionName, 'target');
    assertSameShape(a, b, functionName, 'predicted', 'target');
    return reduce(f(boxGeometry(a, b)), reduction, functionName);
  });
}
