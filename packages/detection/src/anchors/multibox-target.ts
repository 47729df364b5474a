import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError, toFloat64Array } from '@tessera/core';
import type { TensorLike2D, TensorLike3D } from '@tessera/core';
import { assignAnchors } from './assign-anchors';
import { encodeOffsets } from './encode-offsets';

/** Training targets of an anchor-based detector, per image. */
export interface MultiboxTargets {
  /** `[batch, 4 · numAnchors]` regression targets (0 for background anchors). */
  readonly offsets: tf.Tensor2D;
  /** `[batch, 4 · numAnchors]`: 1 where an anchor has an object, else 0. */
  readonly mask: tf.Tensor2D;
  /** `[batch, numAnchors]` int32: class + 1, 0 for background. */
  readonly classLabels: tf.Tensor2D;
}

/**
 * Labels anchors for training (d2l's `multibox_target`): for each image, {@link assignAnchors},
 * then the class (+1, background 0) and the {@link encodeOffsets} of each anchor's assigned box.
 *
 * @param anchors - `[numAnchors, 4]` or `[1, numAnchors, 4]` `xyxy`.
 * @param labels - `[batch, numBoxes, 5]` rows of `(class, x1, y1, x2, y2)`: a tensor, or nested
 *   arrays (read in float64, so an IoU exactly at the threshold is decided as in the reference).
 * @param options - Options:
 * @param options.iouThreshold - Default `0.5`.
 * @category Anchors
 */
export function multiboxTarget(
  anchors: tf.Tensor | TensorLike2D,
  labels: tf.Tensor3D | TensorLike3D,
  { iouThreshold = 0.5 }: { iouThreshold?: number } = {},
): MultiboxTargets {
  const fn = 'multiboxTarget';
  const shape =
    'shape' in labels
      ? labels.shape
      : [labels.length, (labels[0] as unknown[] | undefined)?.length ?? 0, 5];
  if (shape.length !== 3 || shape[2] !== 5) {
    throw new InvalidArgumentError({
      functionName: fn,
      argument: 'labels',
      detail: `labels must have shape [batch, numBoxes, 5], got [${shape}].`,
    });
  }
  const anc = toFloat64Array(anchors as tf.Tensor, { functionName: fn, argument: 'anchors' });
  const numAnchors = anc.length / 4;
  const [batch, numBoxes] = shape as [number, number, number];
  const lab = toFloat64Array(labels as tf.Tensor, { functionName: fn, argument: 'labels' });
  const offsets: tf.Tensor[] = [];
  const masks: Float32Array[] = [];
  const classes: Int32Array[] = [];
  // Assignment runs on the float64 values: an IoU at the threshold must not flip in float32.
  const ancRows = Array.from({ length: numAnchors }, (_, i) => anc.subarray(4 * i, 4 * i + 4));
  return tf.tidy(() => {
    const ancT = tf.tensor2d(Float32Array.from(anc), [numAnchors, 4]);
    for (let b = 0; b < batch; b++) {
      const rows = lab.subarray(b * numBoxes * 5, (b + 1) * numBoxes * 5);
      const gt = Array.from({ length: numBoxes }, (_, j) =>
        Array.from(rows.subarray(j * 5 + 1, j * 5 + 5)),
      );
      const map = assignAnchors(ancRows, gt, { iouThreshold });
      const assigned = new Float32Array(numAnchors * 4);
      const mask = new Float32Array(numAnchors * 4);
      const cls = new Int32Array(numAnchors);
      map.forEach((j, i) => {
        if (j < 0) return;
        cls[i] = (rows[j * 5] as number) + 1;
        assigned.set(rows.subarray(j * 5 + 1, j * 5 + 5), i * 4);
        mask.fill(1, i * 4, i * 4 + 4);
      });
      offsets.push(
        tf.mul(
          tf.reshape(encodeOffsets(ancT, tf.tensor2d(assigned, [numAnchors, 4])), [-1]),
          tf.tensor1d(mask),
        ),
      );
      masks.push(mask);
      classes.push(cls);
    }
    return {
      offsets: tf.stack(offsets) as tf.Tensor2D,
      mask: tf.tensor2d(Float32Array.from(masks.flatMap((m) => Array.from(m))), [
        batch,
        4 * numAnchors,
      ]),
      classLabels: tf.tensor2d(
        Int32Array.from(classes.flatMap((c) => Array.from(c))),
        [batch, numAnchors],
        'int32',
      ),
    };
  });
}
