import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { TESSERA_KERNELS } from '@tessera/core';
import { graphOf } from '../internal/graph-of';

/** What {@link inferenceFunction} returns. @category Inference */
export interface InferenceFunction {
  /** The model's output for `x` in inference mode (a new tensor; the caller disposes it). */
  predict(x: tf.Tensor): tf.Tensor;
  /**
   * How many convolution + batch-norm (+ ReLU) runs were fused into one convolution; 0 when the
   * model has several inputs or outputs and `predict` is the model's own.
   */
  readonly fused: number;
  /**
   * How many of those fused convolutions also take the 2×2 max pool that follows them, as one
   * `TesseraConv2DMaxPool` kernel where the backend registers it (`@tessera/backends` does on
   * `wasm`).
   */
  readonly pooled: number;
  /** Frees the folded weights. */
  dispose(): void;
}

interface Step {
  run(inputs: tf.Tensor[]): tf.Tensor;
  /** Earlier plan steps' indices, or -1 for the model's input. */
  inputs: number[];
  weights: tf.Tensor[];
  /** Whether a fused convolution's step also runs the max pool after it. */
  pooled?: boolean;
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
 * activation; a 2×2 max pool of stride 2 after a stride-1 `'same'` run joins it, as one
 * `TesseraConv2DMaxPool` kernel where the backend has it (the pool's input map is never written
 * and read back); every other layer runs as itself (`apply`, inference mode). Nested models are
 * inlined, and branches are followed: a run folds where the convolution's output feeds only the
 * batch norm (and the batch norm's only the ReLU), so a map that a branch also reads stays as it
 * is. A model with several inputs or outputs is predicted by the model itself (`fused` 0). The
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
  const graph = graphOf(model);
  if (!graph)
    return {
      predict: (x) => model.predict(x) as tf.Tensor,
      fused: 0,
      pooled: 0,
      dispose: () => {},
    };
  const { steps, output } = graph;
  const consumers = steps.map(() => [] as number[]);
  steps.forEach((s, i) => s.inputs.forEach((r) => r >= 0 && consumers[r]!.push(i)));
  // the step that alone reads step i's value, when i is not also the model's output
  const sole = (i: number) =>
    i !== output && consumers[i]!.length === 1 ? consumers[i]![0] : undefined;
  const plan: Step[] = [];
  // the plan step whose value stands for each graph step's
  const value = new Array<number>(steps.length);
  const folded = new Set<number>();
  for (let i = 0; i < steps.length; i++) {
    if (folded.has(i)) continue;
    const { layer, inputs: from } = steps[i]!;
    const inputs = from.map((r) => (r < 0 ? -1 : value[r]!));
    const b = sole(i);
    const bn = b === undefined ? undefined : steps[b]!.layer;
    if (layer.getClassName() === 'Conv2D' && bn?.getClassName() === 'BatchNormalization') {
      const conv = layer.getConfig() as unknown as ConvConfig;
      const foldable =
        conv.activation === 'linear' &&
        conv.dataFormat === 'channelsLast' &&
        [conv.dilationRate].flat().every((d) => d === 1) &&
        bnOnLastAxis(bn);
      if (foldable) {
        const r = sole(b!);
        const relu = r !== undefined && isPlainRelu(steps[r]!.layer);
        const run = relu ? [i, b!, r!] : [i, b!];
        const m = sole(run.at(-1)!);
        const pooled = m !== undefined && keepsSize(conv) && isHalvingMaxPool(steps[m]!.layer);
        if (pooled) run.push(m);
        plan.push({ ...foldConvBatchNorm(layer, bn, conv, relu, pooled), inputs });
        for (const j of run) {
          value[j] = plan.length - 1;
          folded.add(j);
        }
        continue;
      }
    }
    plan.push({
      run: (xs) => layer.apply(xs.length === 1 ? xs[0]! : xs) as tf.Tensor,
      inputs,
      weights: [],
    });
    value[i] = plan.length - 1;
  }
  const result = output < 0 ? -1 : value[output]!;
  return {
    predict: (x) =>
      tf.tidy(() => {
        const values: tf.Tensor[] = [];
        for (const s of plan) values.push(s.run(s.inputs.map((r) => (r < 0 ? x : values[r]!))));
        return result < 0 ? tf.clone(x) : values[result]!;
      }),
    fused: plan.reduce((n, s) => n + (s.weights.length > 0 ? 1 : 0), 0),
    pooled: plan.reduce((n, s) => n + (s.pooled ? 1 : 0), 0),
    dispose: () => tf.dispose(plan.flatMap((s) => s.weights)),
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

/** Whether a convolution's output has its input's height and width (stride 1, `'same'`). */
function keepsSize(conv: ConvConfig): boolean {
  return conv.padding === 'same' && conv.strides.every((s) => s === 1);
}

function isHalvingMaxPool(layer: tfl.layers.Layer): boolean {
  if (layer.getClassName() !== 'MaxPooling2D') return false;
  const c = layer.getConfig() as {
    poolSize: number[];
    strides: number[] | null;
    padding: string;
    dataFormat: string;
  };
  return (
    [...c.poolSize, ...(c.strides ?? c.poolSize)].every((v) => v === 2) &&
    c.padding === 'valid' &&
    c.dataFormat === 'channelsLast'
  );
}

/**
 * The folded convolution, and with `pooled` the 2×2 max pool after it: one
 * `TesseraConv2DMaxPool` kernel where the active backend has it, else the convolution and
 * `tf.maxPool`.
 */
function foldConvBatchNorm(
  conv: tfl.layers.Layer,
  bn: tfl.layers.Layer,
  config: ConvConfig,
  relu: boolean,
  pooled: boolean,
): Omit<Step, 'inputs'> {
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
  const activation = relu ? 'relu' : 'linear';
  // the kernels take float32, as a Conv2D layer casts its input (a model may start at its pixels)
  const float = (x: tf.Tensor) => (x.dtype === 'float32' ? x : tf.cast(x, 'float32'));
  const convolve = (x: tf.Tensor) =>
    tf.fused.conv2d({
      x: float(x) as tf.Tensor4D,
      filter,
      strides,
      pad: config.padding,
      bias,
      activation,
    });
  if (!pooled) return { run: ([x]) => convolve(x!), weights: [filter, bias] };
  return {
    run: ([x]) =>
      tf.getKernel(TESSERA_KERNELS.conv2dMaxPool, tf.getBackend())
        ? (tf
            .engine()
            .runKernel(
              TESSERA_KERNELS.conv2dMaxPool,
              { x: float(x!), filter, bias },
              { activation },
            ) as tf.Tensor)
        : tf.tidy(() => tf.maxPool(convolve(x!) as tf.Tensor4D, 2, 2, 'valid')),
    weights: [filter, bias],
    pooled: true,
  };
}
