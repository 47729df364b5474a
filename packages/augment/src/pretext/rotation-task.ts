import * as tf from '@tensorflow/tfjs-core';
import { assertImages, fail } from '../internal/validate';

/** What {@link rotationTask} returns. */
export interface RotationTask {
  /** `[4N, H, W, C]`: all images turned by 0°, then by 90°, 180°, 270° (counter-clockwise). */
  readonly images: tf.Tensor4D;
  /** `[4N]` int32: the rotation index k (angle 90·k°) of each row. */
  readonly labels: tf.Tensor1D;
}

/** Turns every image by k · 90° counter-clockwise (`np.rot90(x, k)` on each image). @internal */
export function rot90(images: tf.Tensor4D, k: number): tf.Tensor4D {
  const turns = ((k % 4) + 4) % 4;
  return tf.tidy(() => {
    if (turns === 0) return tf.clone(images);
    if (turns === 2) return tf.reverse(images, [1, 2]);
    const t = tf.transpose(images, [0, 2, 1, 3]);
    return tf.reverse(t, turns === 1 ? 1 : 2);
  });
}

/**
 * The rotation pretext task (Gidaris et al. 2018, "Unsupervised representation learning by
 * predicting image rotations"): each image at 0°, 90°, 180° and 270°, labelled 0–3. Exact (no
 * interpolation); images must be square so the four copies share a shape.
 *
 * @param images `[N, H, H, C]`.
 * @example
 * ```ts
 * const { images: x, labels } = rotationTask(batch); // x: [4N, H, H, C], labels: 0…3
 * ```
 * @category Pretext tasks
 */
export function rotationTask(images: tf.Tensor4D): RotationTask {
  assertImages(images, 'rotationTask');
  const [n, h, w] = images.shape;
  if (h !== w) {
    fail(
      'rotationTask',
      'images',
      `images must be square so that rotated copies share a shape, got ${h}×${w} (crop or resize first).`,
    );
  }
  return tf.tidy(() => {
    const rotated = tf.concat([0, 1, 2, 3].map((k) => rot90(images, k)));
    const labels = tf.tensor1d(
      Int32Array.from({ length: 4 * n }, (_, i) => Math.floor(i / n)),
      'int32',
    );
    return { images: rotated as tf.Tensor4D, labels };
  });
}
