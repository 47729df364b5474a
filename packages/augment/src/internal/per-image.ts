import * as tf from '@tensorflow/tfjs-core';

/** A `[N, 1, 1, 1]` float32 tensor of per-image values, to broadcast against an image batch. @internal */
export function column(values: ArrayLike<number>): tf.Tensor4D {
  return tf.tensor4d(Float32Array.from(values), [values.length, 1, 1, 1]);
}

/**
 * `chosen ? a : b` per image, as `a·m + b·(1 − m)` with m ∈ {0, 1}: exact for finite values, and
 * much faster than `tf.where` with a broadcast mask or `tf.gather` of a subset on wasm (where both
 * copy element by element). When no or every image is chosen, one side is returned as a copy.
 * @internal
 */
export function selectImages(
  chosen: ArrayLike<boolean>,
  a: tf.Tensor4D | (() => tf.Tensor4D),
  b: tf.Tensor4D,
): tf.Tensor4D {
  let any = false;
  let all = true;
  for (let i = 0; i < chosen.length; i++) {
    if (chosen[i]) any = true;
    else all = false;
  }
  if (!any) return tf.clone(b);
  return tf.tidy(() => {
    const x = typeof a === 'function' ? a() : a;
    if (all) return tf.clone(x);
    const m = column(Array.from(chosen, (c) => (c ? 1 : 0)));
    return tf.add(tf.mul(x, m), tf.mul(b, tf.sub(1, m))) as tf.Tensor4D;
  });
}

/**
 * `b` with the chosen images replaced by `op` of them: `op` runs on the chosen images only
 * (gathered, with their indices into the batch), and they are put back in place by one gather.
 * For an op much dearer than copying the batch — the HSV round trip of a hue rotation — where
 * {@link selectImages} would run it on every image. @internal
 */
export function mapChosenImages(
  chosen: ArrayLike<boolean>,
  op: (subset: tf.Tensor4D, indices: number[]) => tf.Tensor4D,
  b: tf.Tensor4D,
): tf.Tensor4D {
  const n = b.shape[0];
  const indices: number[] = [];
  for (let i = 0; i < n; i++) if (chosen[i]) indices.push(i);
  if (indices.length === 0) return tf.clone(b);
  return tf.tidy(() => {
    if (indices.length === n) return op(b, indices);
    const changed = op(tf.gather(b, indices), indices);
    // image i comes from b (row i) or from `changed` (row n + its rank among the chosen)
    const from = new Int32Array(n);
    for (let i = 0; i < n; i++) from[i] = i;
    indices.forEach((i, rank) => (from[i] = n + rank));
    return tf.gather(tf.concat([b, changed]), from) as tf.Tensor4D;
  });
}
