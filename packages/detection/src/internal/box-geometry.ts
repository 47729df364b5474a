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
  const iw = tf.relu(tf.sub(minimum(ax2, bx2), maximum(ax1, bx1)));
  const ih = tf.relu(tf.sub(minimum(ay2, by2), maximum(ay1, by1)));
  const inter = tf.mul(iw, ih);
  const union = tf.sub(tf.add(tf.mul(widthA, heightA), tf.mul(widthB, heightB)), inter);
  // the rest only for the variants that read it (boxIou does not): computed on first access
  const lazy = <T>(f: () => T) => {
    let v: T | undefined;
    return () => (v ??= f());
  };
  const enclosing = lazy(() => [
    tf.relu(tf.sub(maximum(ax2, bx2), minimum(ax1, bx1))),
    tf.relu(tf.sub(maximum(ay2, by2), minimum(ay1, by1))),
  ]);
  const centre = lazy(() => [
    tf.div(tf.sub(tf.add(ax1, ax2), tf.add(bx1, bx2)), 2),
    tf.div(tf.sub(tf.add(ay1, ay2), tf.add(by1, by2)), 2),
  ]);
  return {
    inter,
    union,
    get enclosingArea() {
      const [ew, eh] = enclosing();
      return tf.mul(ew!, eh!);
    },
    get enclosingDiagonal2() {
      const [ew, eh] = enclosing();
      return tf.add(tf.square(ew!), tf.square(eh!));
    },
    get centerDistance2() {
      const [dx, dy] = centre();
      return tf.add(tf.square(dx!), tf.square(dy!));
    },
    widthA,
    heightA,
    widthB,
    heightB,
  };
}

/**
 * `min(a, b)` as `a − relu(a − b)` and `max(a, b)` as `b + relu(a − b)`: tfjs-backend-wasm 4.22's
 * broadcasting `Minimum`/`Maximum` kernels take ~60 ns per element (2 s for a 2000 × 2000 IoU
 * matrix), its `Sub`/`Relu`/`Add` a few. Same gradients; the value is exact when `a ≤ b` (for
 * min; when `a ≤ b` for max) and within one rounding otherwise.
 */
function minimum(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  return tf.sub(a, tf.relu(tf.sub(a, b)));
}

function maximum(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  return tf.add(b, tf.relu(tf.sub(a, b)));
}

/** CIoU's aspect-ratio term v = 4/π² (atan(w_b/h_b) − atan(w_a/h_a))². @internal */
export function aspectTerm(g: BoxGeometry): tf.Tensor {
  const d = tf.sub(tf.atan(tf.div(g.widthB, g.heightB)), tf.atan(tf.div(g.widthA, g.heightA)));
  return tf.mul(tf.square(d), 4 / Math.PI ** 2);
}
