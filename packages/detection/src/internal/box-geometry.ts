import * as tf from '@tensorflow/tfjs-core';

/** What every IoU variant is built from, for boxes `a` and `b` broadcast against each other. @internal */
export interface BoxGeometry {
  readonly inter: tf.Tensor;
  readonly union: tf.Tensor;
  /** Area of the smallest box enclosing both. */
  readonly enclosingArea: tf.Tensor;
  /** Squared diagonal of the enclosing box (no eps). */
  readonly enclosingDiagonal2: tf.Tensor;
  /** Squared distance between the two centres. */
  readonly centerDistance2: tf.Tensor;
  readonly widthA: tf.Tensor;
  readonly heightA: tf.Tensor;
  readonly widthB: tf.Tensor;
  readonly heightB: tf.Tensor;
}

/**
 * The shared intersection/union helper (torchvision's `_box_inter_union`, extended with the
 * enclosing box and centre distance that GIoU, DIoU and CIoU need). `a` and `b` are `xyxy` boxes of
 * broadcastable shapes `[..., 4]`: `[n, 1, 4]` with `[1, m, 4]` for pairwise matrices, `[n, 4]`
 * with `[n, 4]` for paired losses. Differentiable.
 * @internal
 */
export function boxGeometry(a: tf.Tensor, b: tf.Tensor): BoxGeometry {
  const [ax1, ay1, ax2, ay2] = tf.unstack(a, -1) as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
  const [bx1, by1, bx2, by2] = tf.unstack(b, -1) as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
  const widthA = tf.sub(ax2, ax1);
  const heightA = tf.sub(ay2, ay1);
  const widthB = tf.sub(bx2, bx1);
  const heightB = tf.sub(by2, by1);
  const iw = tf.relu(tf.sub(tf.minimum(ax2, bx2), tf.maximum(ax1, bx1)));
  const ih = tf.relu(tf.sub(tf.minimum(ay2, by2), tf.maximum(ay1, by1)));
  const inter = tf.mul(iw, ih);
  const union = tf.sub(tf.add(tf.mul(widthA, heightA), tf.mul(widthB, heightB)), inter);
  const ew = tf.relu(tf.sub(tf.maximum(ax2, bx2), tf.minimum(ax1, bx1)));
  const eh = tf.relu(tf.sub(tf.maximum(ay2, by2), tf.minimum(ay1, by1)));
  const dx = tf.div(tf.sub(tf.add(ax1, ax2), tf.add(bx1, bx2)), 2);
  const dy = tf.div(tf.sub(tf.add(ay1, ay2), tf.add(by1, by2)), 2);
  return {
    inter,
    union,
    enclosingArea: tf.mul(ew, eh),
    enclosingDiagonal2: tf.add(tf.square(ew), tf.square(eh)),
    centerDistance2: tf.add(tf.square(dx), tf.square(dy)),
    widthA,
    heightA,
    widthB,
    heightB,
  };
}

/** CIoU's aspect-ratio term v = 4/π² (atan(w_b/h_b) − atan(w_a/h_a))². @internal */
export function aspectTerm(g: BoxGeometry): tf.Tensor {
  const d = tf.sub(tf.atan(tf.div(g.widthB, g.heightB)), tf.atan(tf.div(g.widthA, g.heightA)));
  return tf.mul(tf.square(d), 4 / Math.PI ** 2);
}
