import * as tf from '@tensorflow/tfjs-core';
import { assertRank, InvalidArgumentError } from '@tessera/core';
import { gramMatrix } from './gram-matrix';

/**
 * Style loss: `mean((gram(features) − targetGram)²)` (d2l; Gatys et al. normalise differently).
 *
 * @param features - Feature maps of the generated image, NHWC `[batch, height, width, channels]`.
 * @param targetGram - Gram matrix of the style image, `[channels, channels]` or `[batch, channels, channels]`.
 * @returns Scalar loss.
 * @category Style
 */
export function styleLoss(features: tf.Tensor4D, targetGram: tf.Tensor2D | tf.Tensor3D): tf.Scalar {
  assertRank(features, 4, 'styleLoss', 'features');
  assertRank(targetGram, [2, 3], 'styleLoss', 'targetGram');
  const c = features.shape[3];
  if (targetGram.shape.at(-1) !== c || targetGram.shape.at(-2) !== c) {
    throw new InvalidArgumentError({
      functionName: 'styleLoss',
      argument: 'targetGram',
      detail: `targetGram must be [${c},${c}] for ${c} channels, got [${targetGram.shape}].`,
    });
  }
  return tf.tidy(() => tf.mean(tf.square(tf.sub(gramMatrix(features), targetGram))) as tf.Scalar);
}
