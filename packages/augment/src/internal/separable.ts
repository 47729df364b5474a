import * as tf from '@tensorflow/tfjs-core';

/**
 * `out[n] = rows[n] · x[n] · colsᵀ[n]` per channel: a separable linear resampling of every image
 * with its own matrices (`rows` `[N, outH, H]`, `cols` `[N, outW, W]`; `null` = identity). Crops,
 * resizes, flips and Gaussian blurs are all of this form, so one batched kernel — two batched
 * matmuls — serves them all, on every backend, and is differentiable with respect to `x`.
 * @internal
 */
export function separable(
  x: tf.Tensor4D,
  rows: Float32Array | null,
  cols: Float32Array | null,
  outH: number,
  outW: number,
): tf.Tensor4D {
  const [n, h, w, c] = x.shape;
  return tf.tidy(() => {
    let y: tf.Tensor = x;
    let curH = h;
    if (rows) {
      // [N, outH, H] @ [N, H, W·C] → [N, outH, W·C]
      y = tf.matMul(tf.tensor3d(rows, [n, outH, h]), tf.reshape(y, [n, h, w * c]));
      curH = outH;
    }
    if (cols) {
      // [N, curH, W, C] → [N, W, curH·C]; [N, outW, W] @ → [N, outW, curH·C] → [N, curH, outW, C]
      const t = tf.reshape(tf.transpose(tf.reshape(y, [n, curH, w, c]), [0, 2, 1, 3]), [
        n,
        w,
        curH * c,
      ]);
      const z = tf.matMul(tf.tensor3d(cols, [n, outW, w]), t);
      y = tf.transpose(tf.reshape(z, [n, outW, curH, c]), [0, 2, 1, 3]);
    }
    return tf.reshape(y, [n, curH, cols ? outW : w, c]) as tf.Tensor4D;
  });
}
