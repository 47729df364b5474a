import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError, withSeededRandom } from '@tessera/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { predictionHead, projectionHead } from './projection-head';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const values = (head: { weights: { originalName: string; read(): tf.Tensor }[] }, suffix: string) =>
  Float32Array.from(
    head.weights
      .find((w) => w.originalName.endsWith(suffix))!
      .read()
      .dataSync(),
  );
const std = (v: Float32Array) => {
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  return Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length);
};

describe('projectionHead init and batch-norm options', () => {
  it("'pytorch' draws kernels and biases from U(±1/√fan_in), as torch.nn.Linear", () => {
    const head = withSeededRandom(11, () =>
      projectionHead({ inputDim: 400, hiddenDim: 100, outputDim: 300, init: 'pytorch' }),
    );
    for (const [suffix, fanIn] of [
      ['dense1/kernel', 400],
      ['out/kernel', 100],
      ['out/bias', 100],
    ] as const) {
      const v = values(head, suffix);
      const bound = 1 / Math.sqrt(fanIn);
      expect(Math.max(...v.map(Math.abs))).toBeLessThanOrEqual(bound);
      // a uniform's σ is bound/√3 (± ~3 % at 300 draws); Glorot's here is ≥ 1.4× it, zeros 0
      expect(std(v) / (bound / Math.sqrt(3))).toBeGreaterThan(0.85);
      expect(std(v) / (bound / Math.sqrt(3))).toBeLessThan(1.15);
    }
    head.dispose();
  });

  it("'tfjs' (the default) keeps TF.js's: zero biases, kernels beyond 1/√fan_in", () => {
    const head = projectionHead({ inputDim: 400, hiddenDim: 100, outputDim: 300 });
    expect(values(head, 'out/bias').every((b) => b === 0)).toBe(true);
    // Glorot normal truncated at 2σ (σ = √(2/500) ≈ 0.063) reaches past U(±1/√400)'s bound 0.05
    expect(Math.max(...values(head, 'dense1/kernel').map(Math.abs))).toBeGreaterThan(0.05);
    head.dispose();
  });

  it('sets ε and momentum on every batch norm, the predictor too', () => {
    const options = { inputDim: 8, hiddenDim: 6, outputDim: 4, batchNormEpsilon: 1e-5 };
    for (const head of [
      projectionHead({ ...options, layers: 3, outputBatchNorm: true, batchNormMomentum: 0.9 }),
      predictionHead({ ...options, batchNormMomentum: 0.9 }),
    ]) {
      const norms = head.layers.filter((l) => l.getClassName() === 'BatchNormalization');
      expect(norms.length).toBeGreaterThan(0);
      for (const layer of norms)
        expect(layer.getConfig()).toMatchObject({ epsilon: 1e-5, momentum: 0.9 });
      head.dispose();
    }
  });

  it('rejects an unknown init and a bad ε or momentum', () => {
    const base = { inputDim: 4, hiddenDim: 4, outputDim: 2 };
    expect(() => projectionHead({ ...base, init: 'keras' as 'tfjs' })).toThrow(
      InvalidArgumentError,
    );
    expect(() => projectionHead({ ...base, batchNormEpsilon: 0 })).toThrow(/batchNormEpsilon/);
    expect(() => projectionHead({ ...base, batchNormMomentum: 1 })).toThrow(/batchNormMomentum/);
  });
});
