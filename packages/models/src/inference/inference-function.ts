import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { chainOf } from '../internal/chain-of';

/** What {@link inferenceFunction} returns. @category Inference */
export interface InferenceFunction {
  /** The model's output for `x` in inference mode (a new tensor; the caller disposes it). */
  predict(x: tf.Tensor): tf.Tensor;
  /**
   * How many convolution + batch-norm (+ ReLU) runs were fused into one convolution; 0 when the
   * model is not a chain of layers and `predict` is the model's own.
   */
  readonly fused: number;
  /** Frees the folded weights. */
  dispose(): void;
}

interface Step {
  run(x: tf.Tensor): tf.Tensor;
  weights: tf.Tensor[];
}

type ConvConfig = {
  strides: number[];
  padding: 'same' | 'valid';
  dilationRate: number | number[];
  useBias: boolean;
  activation: string;
  dataFormat: string;
};

/**
 * The model's inference as fewer kernels: each 2-D convolution followed by a batch norm (and a
 * plain ReLU) becomes one fused convolution whose weights carry the batch norm's running
 * statistics — W·γ/√(σ² + ε), β − μ·γ/√(σ² + ε) + b·γ/√(σ² + ε) — and the ReLU as its
 * activation; every other layer runs as itself (`apply`, inference mode). Nested models are
 * flattened. Only a chain — every layer feeding the next, one input, one output — is folded;
 * anything else (branches, several inputs) is predicted by the model itself (`fused` 0). The
 * result equals `model.predict` to float rounding (the batch norm's division moves into the
 * weights). The weights are read now: call it again after training.
 * @example
 * ```ts
 * const fast = inferenceFunction(encoder);
 * const features = tf.tidy(() => fast.predict(images));
 * fast.dispose();
 * ```
 * @category Inference
 */
export function inferenceFunction(model: tfl.LayersModel): InferenceFunction {
  const layers = chainOf(model);
  if (!layers)
    return { predict: (x) => model.predict(x) as tf.Tensor, fused: 0, dispose: () => {} };
  const steps: Step[] = [];
  let fused = 0;
  for (let i = 0; i < layers.length; i++) {
    const layer = layers[i]!;
    const next = layers[i + 1];
    if (layer.getClassName() === 'Conv2D' && next?.getClassName() === 'BatchNormalization') {
      const conv = layer.getConfig() as unknown as ConvConfig;
      const foldable =
        conv.activation === 'linear' &&
        conv.dataFormat === 'channelsLast' &&
        [conv.dilationRate].flat().every((d) => d === 1) &&
        bnOnLastAxis(next);
      if (foldable) {
        const relu = isPlainRelu(layers[i + 2]);
        steps.push(foldConvBatchNorm(layer, next, conv, relu));
        fused += 1;
        i += relu ? 2 : 1;
        continue;
      }
    }
    if (layer.getClassName() === 'InputLayer') continue;
    steps.push({ run: (x) => layer.apply(x) as tf.Tensor, weights: [] });
  }
  return {
    predict: (x) => tf.tidy(() => steps.reduce((h, s) => s.run(h), x)),
    fused,
    dispose: () => tf.dispose(steps.flatMap((s) => s.weights)),
  };
}

function bnOnLastAxis(bn: tfl.layers.Layer): boolean {
  const { axis } = bn.getConfig() as { axis: number | number[] };
  const a = [axis].flat();
  // a layer shared by two models (withGridPool) has one input per model: all of one rank
  const rank = (bn.getInputAt(0) as tfl.SymbolicTensor).shape.length;
  return a.length === 1 && (a[0] === -1 || a[0] === rank - 1);
}

function isPlainRelu(layer: tfl.layers.Layer | undefined): boolean {
  if (!layer) return false;
  const c = layer.getConfig() as {
    activation?: string;
    maxValue?: number | null;
    negativeSlope?: number;
    threshold?: number;
  };
  if (layer.getClassName() === 'Activation') return c.activation === 'relu';
  return (
    layer.getClassName() === 'ReLU' &&
    c.maxValue == null &&
    (c.negativeSlope ?? 0) === 0 &&
    (c.threshold ?? 0) === 0
  );
}

function foldConvBatchNorm(
  conv: tfl.layers.Layer,
  bn: tfl.layers.Layer,
  config: ConvConfig,
  relu: boolean,
): Step {
  const { epsilon, center, scale } = bn.getConfig() as {
    epsilon: number;
    center: boolean;
    scale: boolean;
  };
  const [filter, bias] = tf.tidy(() => {
    const [kernel, convBias] = conv.getWeights() as [tf.Tensor4D, tf.Tensor1D | undefined];
    const w = [...bn.getWeights()];
    const gamma = scale ? w.shift()! : tf.onesLike(w.at(-1)!);
    const beta = center ? w.shift()! : tf.zerosLike(w.at(-1)!);
    const [mean, variance] = w as [tf.Tensor1D, tf.Tensor1D];
    const factor = tf.div(gamma, tf.sqrt(tf.add(variance, epsilon)));
    const shift = tf.sub(convBias && config.useBias ? convBias : tf.zerosLike(mean), mean);
    return [
      tf.mul(kernel, factor) as tf.Tensor4D,
      tf.add(beta, tf.mul(shift, factor)) as tf.Tensor1D,
    ];
  });
  const strides = config.strides as [number, number];
  return {
    run: (x) =>
      tf.fused.conv2d({
        x: x as tf.Tensor4D,
        filter,
        strides,
        pad: config.padding,
        bias,
        activation: relu ? 'relu' : 'linear',
      }),
    weights: [filter, bias],
  };
}
