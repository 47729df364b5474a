import * as tf from '@tensorflow/tfjs-core';

/** A `[N, 1, 1, 1]` float32 tensor of per-image values, to broadcast against an image batch. @internal */
export function column(values: ArrayLike<number>): tf.Tensor4D {
  return tf.tensor4d(Float32Array.from(values), [values.length, 1, 1, 1]);
}

/** Whether every value equals `v` (a per-image parameter that is an identity everywhere). @internal */
export function allEqual(values: ArrayLike<number>, v: number): boolean {
  for (let i = 0; i < values.length; i++) if (values[i] !== v) return false;
  return true;
}

/**
 * Runs `fn` on the images listed in `indices` only and puts the results back in place; the other
 * images pass through unchanged. `fn` must keep the image shape. Used by `randomApply` and by
 * per-image branch choices, so each image pays only for the branch it takes.
 * @internal
 */
export function applyToSubset(
  images: tf.Tensor4D,
  indices: ArrayLike<number>,
  fn: (subset: tf.Tensor4D) => tf.Tensor4D,
): tf.Tensor4D {
  const n = images.shape[0];
  if (indices.length === 0) return tf.clone(images);
  if (indices.length === n && isIdentityOrder(indices)) return fn(images);
  return tf.tidy(() => {
    const chosen = Int32Array.from(indices);
    const rest = complement(chosen, n);
    const done = fn(tf.gather(images, chosen));
    const parts = rest.length > 0 ? tf.concat([done, tf.gather(images, rest)]) : done;
    return tf.gather(parts, inverseOrder(chosen, rest));
  });
}

/**
 * Splits the batch by `groups[i]` (the branch image i takes) and runs `branches[g]` on each group;
 * results return to their images' places. All branches must give the same shape.
 * @internal
 */
export function applyByGroup(
  images: tf.Tensor4D,
  groups: ArrayLike<number>,
  branches: ReadonlyArray<(subset: tf.Tensor4D, indices: Int32Array) => tf.Tensor4D>,
): tf.Tensor4D {
  const members = branches.map(() => [] as number[]);
  for (let i = 0; i < groups.length; i++) members[groups[i]!]!.push(i);
  const used = members.filter((m) => m.length > 0);
  if (used.length === 1) {
    const g = members.findIndex((m) => m.length > 0);
    return branches[g]!(images, Int32Array.from(members[g]!));
  }
  return tf.tidy(() => {
    const outs: tf.Tensor4D[] = [];
    const order: number[] = [];
    members.forEach((m, g) => {
      if (m.length === 0) return;
      const idx = Int32Array.from(m);
      outs.push(branches[g]!(tf.gather(images, idx), idx));
      order.push(...m);
    });
    const inverse = new Int32Array(order.length);
    order.forEach((img, pos) => (inverse[img] = pos));
    return tf.gather(tf.concat(outs), inverse);
  });
}

function isIdentityOrder(indices: ArrayLike<number>): boolean {
  for (let i = 0; i < indices.length; i++) if (indices[i] !== i) return false;
  return true;
}

function complement(chosen: Int32Array, n: number): Int32Array {
  const mark = new Uint8Array(n);
  for (const i of chosen) mark[i] = 1;
  const rest: number[] = [];
  for (let i = 0; i < n; i++) if (!mark[i]) rest.push(i);
  return Int32Array.from(rest);
}

function inverseOrder(chosen: Int32Array, rest: Int32Array): Int32Array {
  const inverse = new Int32Array(chosen.length + rest.length);
  chosen.forEach((img, pos) => (inverse[img] = pos));
  rest.forEach((img, pos) => (inverse[img] = chosen.length + pos));
  return inverse;
}
