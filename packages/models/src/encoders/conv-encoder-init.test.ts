import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { InvalidArgumentError, withSeededRandom } from '@tessera/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { convEncoder } from './conv-encoder';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('convEncoder kernelInitializer', () => {
  it('initialises every convolution kernel with it', () => {
    const encoder = convEncoder({
      inputShape: [8, 8, 1],
      filters: [4, 6],
      kernelInitializer: tfl.initializers.constant({ value: 0.25 }),
    });
    const kernels = encoder.weights.filter((w) => w.originalName.endsWith('/kernel'));
    expect(kernels).toHaveLength(2);
    for (const k of kernels) expect(new Set(k.read().dataSync())).toEqual(new Set([0.25]));
    encoder.dispose();
  });

  it('leaves batch norm and the embedding alone', () => {
    const encoder = convEncoder({
      inputShape: [8, 8, 1],
      filters: [4],
      embeddingDim: 3,
      kernelInitializer: 'zeros',
    });
    const byName = (suffix: string) =>
      encoder.weights
        .find((w) => w.originalName.endsWith(suffix))!
        .read()
        .dataSync();
    expect(Array.from(byName('conv1/kernel')).every((v) => v === 0)).toBe(true);
    expect(Array.from(byName('bn1/gamma'))).toEqual([1, 1, 1, 1]);
    expect(Array.from(byName('embedding/kernel')).some((v) => v !== 0)).toBe(true);
    encoder.dispose();
  });
});

// A uniform on ±bound has σ = bound/√3; with thousands of draws the sample RMS is within a few %.
function expectUniform(values: Float32Array, bound: number): void {
  const v = Array.from(values);
  expect(Math.max(...v.map(Math.abs))).toBeLessThanOrEqual(bound);
  const rms = Math.sqrt(v.reduce((a, b) => a + b * b, 0) / v.length);
  expect(rms / (bound / Math.sqrt(3))).toBeGreaterThan(0.85);
  expect(rms / (bound / Math.sqrt(3))).toBeLessThan(1.15);
}

describe('convEncoder init', () => {
  const weight = (encoder: tfl.LayersModel, suffix: string) =>
    encoder.weights
      .find((w) => w.originalName.endsWith(suffix))!
      .read()
      .dataSync() as Float32Array;

  it("'pytorch': kernels, conv biases and the embedding as nn.Conv2d's and nn.Linear's, U(±1/√fan_in)", () => {
    const encoder = withSeededRandom(5, () =>
      convEncoder({
        inputShape: [8, 8, 16],
        filters: [64, 100],
        embeddingDim: 300,
        batchNorm: false,
        init: 'pytorch',
      }),
    );
    expectUniform(weight(encoder, 'conv1/kernel'), 1 / Math.sqrt(9 * 16));
    expectUniform(weight(encoder, 'conv2/kernel'), 1 / Math.sqrt(9 * 64));
    // 64 and 100 biases: only the bound is a sharp check; their spread is checked loosely
    for (const [suffix, fanIn] of [
      ['conv1/bias', 9 * 16],
      ['conv2/bias', 9 * 64],
    ] as const) {
      const bias = Array.from(weight(encoder, suffix));
      expect(Math.max(...bias.map(Math.abs))).toBeLessThanOrEqual(1 / Math.sqrt(fanIn));
      expect(Math.max(...bias.map(Math.abs))).toBeGreaterThan(0.5 / Math.sqrt(fanIn));
    }
    expectUniform(weight(encoder, 'embedding/kernel'), 1 / 10);
    expectUniform(weight(encoder, 'embedding/bias'), 1 / 10);
    encoder.dispose();
  });

  it("'tfjs' (the default) keeps zero biases and Glorot's spread", () => {
    const encoder = withSeededRandom(5, () =>
      convEncoder({ inputShape: [8, 8, 16], filters: [64], batchNorm: false }),
    );
    expect(Array.from(weight(encoder, 'conv1/bias')).every((b) => b === 0)).toBe(true);
    // truncated normal, σ = √(2/(fan_in + fan_out)) before truncation at 2σ (×0.88 after)
    const kernel = Array.from(weight(encoder, 'conv1/kernel'));
    const rms = Math.sqrt(kernel.reduce((a, b) => a + b * b, 0) / kernel.length);
    const sigma = Math.sqrt(2 / (9 * 16 + 9 * 64)) * 0.88;
    expect(rms / sigma).toBeGreaterThan(0.9);
    expect(rms / sigma).toBeLessThan(1.1);
    encoder.dispose();
  });

  it("kernelInitializer replaces init's kernels; init still draws the biases", () => {
    const encoder = convEncoder({
      inputShape: [8, 8, 4],
      filters: [8],
      batchNorm: false,
      init: 'pytorch',
      kernelInitializer: 'zeros',
    });
    expect(Array.from(weight(encoder, 'conv1/kernel')).every((v) => v === 0)).toBe(true);
    expect(Array.from(weight(encoder, 'conv1/bias')).some((v) => v !== 0)).toBe(true);
    encoder.dispose();
  });

  it('rejects an unknown init before building anything', () => {
    const before = tf.memory().numTensors;
    expect(() => convEncoder({ inputShape: [8, 8, 1], init: 'torch' as 'tfjs' })).toThrow(
      InvalidArgumentError,
    );
    expect(() => convEncoder({ inputShape: [8, 8, 1], init: 'torch' as 'tfjs' })).toThrow(
      /convEncoder.*init must be 'tfjs' or 'pytorch'/s,
    );
    expect(tf.memory().numTensors).toBe(before);
  });
});
