import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

/**
 * `|a − b|` of two inputs of the same shape, as a layer (tfjs-layers has no `Subtract` or `Lambda`),
 * registered for serialization so siamese models save and load.
 * @internal
 */
export class AbsoluteDifference extends tfl.layers.Layer {
  static readonly className = 'TesseraAbsoluteDifference';

  override computeOutputShape(inputShape: tfl.Shape[]): tfl.Shape {
    return inputShape[0]!;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const [a, b] = inputs as tf.Tensor[];
    return tf.tidy(() => tf.abs(tf.sub(a!, b!)));
  }
}
tf.serialization.registerClass(AbsoluteDifference);
