import * as tf from '@tensorflow/tfjs-core';

/**
 * Each row's maximum (or minimum) of an `[N, K]` matrix, with PyTorch's `max(dim)` / `min(dim)`
 * gradient: the row's gradient goes to the returned (first) index only, as a one-hot scatter.
 * `tf.max`'s own gradient compares every entry with the broadcast row extreme (`Equal`), which
 * wasm runs on a slow broadcasting path and which splits the gradient between ties. @internal
 */
export function extremePerRow(m: tf.Tensor2D, which: 'max' | 'min'): tf.Tensor1D {
  const k = m.shape[1];
  const op = tf.customGrad((x, save) => {
    const input = x as tf.Tensor2D;
    const index = which === 'max' ? tf.argMax(input, 1) : tf.argMin(input, 1);
    (save as tf.GradSaveFunc)([index]);
    return {
      value: which === 'max' ? tf.max(input, 1) : tf.min(input, 1),
      gradFunc: (dy, saved) =>
        tf.mul(tf.oneHot(saved[0] as tf.Tensor1D, k), tf.expandDims(dy as tf.Tensor, 1)),
    };
  });
  return op(m) as tf.Tensor1D;
}
