import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { ImageShape, Transform } from '@tessera/augment';
import { convEncoder } from '@tessera/models';
import { loadGolden } from '@tessera/test-utils';
import { beforeAll, describe, expect, it } from 'vitest';
import { simclr } from './simclr';
import type { MethodContext, MethodRun } from './types';

// tests/fixtures/golden/simclr_steps.json (tests/fixtures/reference/gen_golden_simclr_steps.py):
// PyTorch's SimCLRNet of the reference run at a small width, three Adam steps on two fixed views,
// float64 — batch norm in training mode, the head, NT-Xent, Adam and the running averages together.
const golden = loadGolden('simclr_steps').cases[0]!;
const inputs = golden.inputs as {
  view1: number[][][];
  view2: number[][][];
  probe: number[][][];
  weights: Record<string, number[]>;
};
const params = golden.params as {
  temperature: number;
  learning_rate: number;
  adam_epsilon: number;
  batch_norm_epsilon: number;
  steps: number;
  filters: number[];
  hidden_dim: number;
  projection_dim: number;
  normalize: { mean: number; std: number };
};
const expected = golden.expected as { losses: number[]; features: number[][] };
const aux = golden.aux as {
  running: Record<string, number[]>;
  running_biased: Record<string, number[]>;
};
const size = inputs.view1[0]!.length;

const toImages = (x: number[][][]) => tf.tensor4d(x.flat(2), [x.length, size, size, 1]);
/** The golden's key of a weight: Tessera's layer names, the head built by simclr as `simclr_head`. */
const keyOf = (w: tfl.LayerVariable) => w.originalName.replace(/^simclr_head_/, 'head_');

/**
 * A stand-in augmentation that hands out the golden views: `multiView` draws view 0's parameters,
 * then view 1's, then applies them, so the k-th draw of a step is view k.
 */
function replayViews(views: readonly tf.Tensor4D[]): Transform<number> {
  let drawn = 0;
  const apply = (_images: tf.Tensor4D, k: number) => views[k]!.clone();
  return Object.assign((images: tf.Tensor4D) => apply(images, 0), {
    transformName: 'replayViews',
    requiresUnitRange: false,
    sample: () => drawn++ % views.length,
    apply,
    run: (images: tf.Tensor4D) => ({ images: apply(images, 0), params: 0 }),
    outputShape: (shape: ImageShape) => shape,
    mapBoxes: () => [],
  });
}

/** Loads the golden's initial weights into every layer (nested models included) that has them. */
function loadWeights(model: tfl.LayersModel): void {
  for (const layer of model.layers) {
    if (layer instanceof tfl.LayersModel) loadWeights(layer);
    else if (layer.weights.length > 0) {
      layer.setWeights(
        layer.weights.map((w) => {
          const value = inputs.weights[keyOf(w)];
          return value === undefined ? w.read() : tf.tensor(value.flat(3), w.shape as number[]);
        }),
      );
    }
  }
}

/** The reference run's encoder at the golden's width: `(x − mean) / std`, then `convEncoder`. */
function encoderOfGolden(): tfl.LayersModel {
  const { mean, std } = params.normalize;
  const input = tfl.input({ shape: [size, size, 1] });
  const scaled = tfl.layers.rescaling({ scale: 1 / std, offset: -mean / std }).apply(input);
  const body = convEncoder({
    inputShape: [size, size, 1],
    filters: params.filters,
    batchNormMomentum: 0.9, // PyTorch's momentum 0.1
    batchNormEpsilon: params.batch_norm_epsilon,
  });
  return tfl.model({ inputs: input, outputs: body.apply(scaled) as tfl.SymbolicTensor });
}

function expectClose(actual: ArrayLike<number>, wanted: ArrayLike<number>, rtol: number): void {
  expect(actual.length).toBe(wanted.length);
  for (let i = 0; i < wanted.length; i++) {
    const tol = rtol * Math.max(Math.abs(wanted[i]!), 1e-2);
    if (!(Math.abs(actual[i]! - wanted[i]!) <= tol)) {
      expect.fail(`item ${i}: ${actual[i]} is not within ${tol} of ${wanted[i]}`);
    }
  }
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('simclr: whole training steps against PyTorch (simclr_steps.json)', () => {
  let encoder: tfl.LayersModel;
  let run: MethodRun;
  const losses: number[] = [];

  beforeAll(() => {
    encoder = encoderOfGolden();
    const views = [toImages(inputs.view1), toImages(inputs.view2)];
    const batch = views[0]!.shape[0];
    const context: MethodContext = {
      encoder,
      inputShape: [size, size, 1],
      featureDim: params.filters.at(-1)!,
      augment: replayViews(views),
      datasetSize: batch,
      batchSize: batch,
      totalSteps: params.steps,
      seed: 0,
      createOptimizer: () => tf.train.adam(params.learning_rate, 0.9, 0.999, params.adam_epsilon),
    };
    run = simclr.create(context, {
      temperature: params.temperature,
      hiddenDim: params.hidden_dim,
      projectionDim: params.projection_dim,
    });
    loadWeights(encoder);
    loadWeights(run.models.head!);
    for (let step = 0; step < params.steps; step++) {
      const loss = run.step({
        images: views[0]!,
        indices: Int32Array.from({ length: batch }, (_, i) => i),
        seed: step,
        step,
      });
      losses.push(loss.dataSync()[0]!);
      loss.dispose();
    }
    return () => {
      run.dispose();
      encoder.dispose();
      views.forEach((v) => v.dispose());
    };
  });

  it('every weight of the encoder and the head came from the golden', () => {
    const trainable = [...encoder.weights, ...run.models.head!.weights].filter((w) => w.trainable);
    expect(trainable.map(keyOf).sort()).toEqual(Object.keys(inputs.weights).sort());
  });

  it('the loss of each of the three steps (each after the previous update)', () => {
    expectClose(losses, expected.losses, 1e-5);
  });

  it('the running means, and the running variances of the biased batch variance (Keras/TF.js)', () => {
    const bns = encoder.weights.filter((w) => !w.trainable);
    expect(bns).toHaveLength(2 * params.filters.length);
    for (const w of bns) {
      const key = keyOf(w);
      const wanted = key.endsWith('moving_mean') ? aux.running[key]! : aux.running_biased[key]!;
      expectClose(w.read().dataSync(), wanted, 1e-5);
    }
  });

  it('the encoder’s eval-mode features after training (running averages used)', () => {
    const features = tf.tidy(() => {
      const probe = toImages(inputs.probe);
      return (encoder.predict(probe) as tf.Tensor).dataSync();
    });
    expectClose(features, expected.features.flat(), 1e-4);
  });
});
