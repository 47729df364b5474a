import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

/** Arguments of {@link LeadingPower}. @internal */
export interface LeadingPowerArgs {
  /** How many of the leading features are transformed. */
  features: number;
  /** p of `sign(x)·|x|^p`. */
  exponent: number;
  /** Whether the transformed features replace the leading `k` instead of going in front of all `D`. */
  replace?: boolean;
  name?: string;
}

/**
 * `[N, D]` → `[N, k + D]`: the leading `k` features power-transformed, `sign(x)·|x|^p`, in front
 * of all `D` unchanged; with `replace`, `[N, D]` → `[N, D]`, the leading `k` transformed in place
 * and the rest unchanged. One layer (tfjs-layers has no slice or `Lambda` that saves), registered
 * for serialization so an encoder read out this way saves and loads.
 * @internal
 */
export class LeadingPower extends tfl.layers.Layer {
  static readonly className = 'TesseraLeadingPower';
  readonly features: number;
  readonly exponent: number;
  readonly replace: boolean;

  constructor({ features, exponent, replace = false, name }: LeadingPowerArgs) {
    super(name === undefined ? {} : { name });
    this.features = features;
    this.exponent = exponent;
    this.replace = replace;
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tfl.Shape;
    const d = shape[1];
    if (this.replace) return [shape[0]!, d ?? null];
    return [shape[0]!, typeof d === 'number' ? this.features + d : null];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor2D;
    return tf.tidy(() => {
      const lead = tf.slice(x, [0, 0], [x.shape[0], this.features]);
      // the square root by its own kernel: pow is several times slower on wasm
      const magnitude =
        this.exponent === 0.5 ? tf.sqrt(tf.abs(lead)) : tf.pow(tf.abs(lead), this.exponent);
      const powered = tf.mul(tf.sign(lead), magnitude);
      if (!this.replace) return tf.concat([powered, x], 1);
      if (this.features === x.shape[1]) return powered;
      const rest = tf.slice(x, [0, this.features], [x.shape[0], x.shape[1] - this.features]);
      return tf.concat([powered, rest], 1);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    // replace is written only when set: encoders saved before it existed load unchanged
    return {
      ...super.getConfig(),
      features: this.features,
      exponent: this.exponent,
      ...(this.replace ? { replace: true } : {}),
    };
  }
}
tf.serialization.registerClass(LeadingPower);
