import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

/**
 * Steps `begin … begin + size − 1` of a `[N, T, D]` sequence (tfjs-layers has no `Cropping1D` or
 * `Lambda`); registered for serialization so CPC models save and load.
 * @internal
 */
export class TimeSlice extends tfl.layers.Layer {
  static readonly className = 'TesseraTimeSlice';
  private readonly begin: number;
  private readonly size: number;

  constructor(config: { begin: number; size: number; name?: string }) {
    super({ name: config.name });
    this.begin = config.begin;
    this.size = config.size;
  }

  override computeOutputShape(inputShape: tfl.Shape): tfl.Shape {
    return [inputShape[0]!, this.size, ...inputShape.slice(2)];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0]! : inputs;
    return tf.slice(x, [0, this.begin, 0], [-1, this.size, -1]);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), begin: this.begin, size: this.size };
  }
}
tf.serialization.registerClass(TimeSlice);
