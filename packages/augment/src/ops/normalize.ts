import * as tf from '@tensorflow/tfjs-core';
import { assertImages, fail } from '../internal/validate';

/**
 * `(x − mean) / std` per channel — torchvision's `normalize`. Usually the last step of a pipeline;
 * the output is no longer in [0, 1].
 *
 * @param images `[N, H, W, C]`.
 * @param mean One number, or one per channel.
 * @param std One positive number, or one per channel.
 * @example
 * ```ts
 * const x = applyNormalize(images, [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]); // ImageNet
 * ```
 * @category Ops
 */
export function applyNormalize(
  images: tf.Tensor4D,
  mean: number | readonly number[],
  std: number | readonly number[],
): tf.Tensor4D {
  assertImages(images, 'applyNormalize');
  const c = images.shape[3];
  const m = perChannel(mean, c, 'mean');
  const s = perChannel(std, c, 'std');
  s.forEach((v, i) => {
    if (!(v > 0)) fail('applyNormalize', 'std', `std must be > 0, got ${v} (channel ${i}).`);
  });
  return tf.tidy(() => tf.div(tf.sub(images, tf.tensor1d(m)), tf.tensor1d(s))) as tf.Tensor4D;
}

function perChannel(value: number | readonly number[], c: number, argument: string): Float32Array {
  if (typeof value === 'number') return new Float32Array(c).fill(value);
  if (!Array.isArray(value) || value.length !== c || !value.every(Number.isFinite)) {
    fail(
      'applyNormalize',
      argument,
      `${argument} must be a number or ${c} finite numbers (one per channel), got ${JSON.stringify(value)}.`,
    );
  }
  return Float32Array.from(value);
}
