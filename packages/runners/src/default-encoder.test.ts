import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { InvalidArgumentError } from '@tessera/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultEncoder, standardization } from './default-encoder';

/** Each convolution kernel's values with its fan-in (kh · kw · in). */
function kernels(encoder: tfl.LayersModel): { fanIn: number; values: Float32Array }[] {
  return encoder.weights
    .filter((w) => w.originalName.endsWith('/kernel'))
    .map((w) => ({
      fanIn: w.shape[0]! * w.shape[1]! * w.shape[2]!,
      values: w.read().dataSync() as Float32Array,
    }));
}

const std = (x: Float32Array) => {
  const mean = x.reduce((a, b) => a + b, 0) / x.length;
  return Math.sqrt(x.reduce((a, b) => a + (b - mean) ** 2, 0) / x.length);
};

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('defaultEncoder defaults', () => {
  it("'pytorch': kernels uniform in ±1/√fan_in and batch-norm ε 1e-5, as PyTorch's Conv2d and BatchNorm2d", () => {
    const encoder = defaultEncoder({ seed: 3, defaults: 'pytorch' });
    const norms = encoder.layers
      .flatMap((l) => ('layers' in l ? (l as tfl.LayersModel).layers : [l]))
      .filter((l) => l.getClassName() === 'BatchNormalization');
    expect(norms).toHaveLength(3);
    for (const n of norms) expect(n.getConfig()).toMatchObject({ epsilon: 1e-5, momentum: 0.9 });
    const ks = kernels(encoder);
    expect(ks.map((k) => k.fanIn)).toEqual([9, 288, 576]);
    for (const { fanIn, values } of ks) {
      const bound = 1 / Math.sqrt(fanIn);
      const max = values.reduce((a, b) => Math.max(a, Math.abs(b)), 0);
      expect(max).toBeLessThanOrEqual(bound);
      expect(max).toBeGreaterThan(0.95 * bound); // the whole range is used
      expect(std(values) / (bound / Math.sqrt(3))).toBeCloseTo(1, 1); // a uniform's σ
    }
    encoder.dispose();
  });

  it("'tfjs' (the default): TF.js's truncated Glorot normal and ε 1e-3, unchanged by the option", () => {
    const a = defaultEncoder({ seed: 3 });
    const b = defaultEncoder({ seed: 3, defaults: 'tfjs' });
    const norms = a.layers
      .flatMap((l) => ('layers' in l ? (l as tfl.LayersModel).layers : [l]))
      .filter((l) => l.getClassName() === 'BatchNormalization');
    for (const n of norms) expect(n.getConfig()).toMatchObject({ epsilon: 1e-3 });
    const [ka, kb] = [kernels(a), kernels(b)];
    ka.forEach((k, i) => expect(Array.from(kb[i]!.values)).toEqual(Array.from(k.values)));
    // conv1: fan_in 9, fan_out 288 — σ = √(2 / 297) before truncation at 2σ (× 0.88 after)
    const sigma = Math.sqrt(2 / 297);
    const max = ka[0]!.values.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    expect(max).toBeLessThanOrEqual(2 * sigma);
    expect(max).toBeGreaterThan((1 / Math.sqrt(3 * 297)) * Math.sqrt(6)); // beyond a Glorot uniform's limit
    a.dispose();
    b.dispose();
  });

  it('rejects unknown defaults', () => {
    expect(() => defaultEncoder({ defaults: 'keras' as never })).toThrow(InvalidArgumentError);
    expect(() => defaultEncoder({ defaults: 'keras' as never })).toThrow(
      /defaults must be 'tfjs' or 'pytorch'/,
    );
  });
});

describe('defaultEncoder standardisation', () => {
  it('standardises each channel with its own mean and std, in a fixed layer saved with the model', async () => {
    const normalize = { mean: [0.2, 0.5, 0.7], std: [0.1, 0.25, 0.5] };
    const encoder = defaultEncoder({ inputShape: [8, 8, 3], normalize, seed: 1 });
    const layer = encoder.layers[1]!;
    expect(layer.getClassName()).toBe('DepthwiseConv2D');
    expect(layer.trainable).toBe(false);
    expect(encoder.trainableWeights.some((w) => w.originalName.startsWith(layer.name))).toBe(false);
    const x = tf.tensor4d(
      Array.from({ length: 8 * 8 * 3 }, (_, i) => (i % 7) / 7),
      [1, 8, 8, 3],
    );
    const got = layer.apply(x) as tf.Tensor;
    const want = tf.div(tf.sub(x, normalize.mean), normalize.std);
    expect(tf.max(tf.abs(tf.sub(got, want))).dataSync()[0]).toBeLessThan(1e-6);
    // a saved and loaded encoder computes the same features
    let saved: tf.io.ModelArtifacts | undefined;
    await encoder.save(
      tf.io.withSaveHandler(async (a) => ((saved = a), { modelArtifactsInfo: {} as never })),
    );
    const { loadLayersModel } = await import('@tensorflow/tfjs-layers');
    const loaded = await loadLayersModel(tf.io.fromMemory(saved!));
    const [a, b] = [encoder.predict(x) as tf.Tensor, loaded.predict(x) as tf.Tensor];
    expect(tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]).toBe(0);
    tf.dispose([x, got, want, a, b]);
    encoder.dispose();
    loaded.dispose();
  });

  it('uses one Rescaling for one channel, or channels that share their statistics', () => {
    const stats = {
      mean: [0.13],
      std: [0.31],
      overall: { mean: 0.13, std: 0.31 },
      images: 10,
    };
    expect(standardization(stats)).toEqual({ mean: 0.13, std: 0.31 });
    expect(standardization({ ...stats, mean: [0.1, 0.2, 0.3], std: [0.2, 0, 0.4] })).toEqual({
      mean: [0.1, 0.2, 0.3],
      std: [0.2, 1, 0.4],
    }); // a constant channel: std 1
    const encoder = defaultEncoder({
      inputShape: [8, 8, 3],
      normalize: { mean: [0.5, 0.5, 0.5], std: 0.25 },
    });
    expect(encoder.layers[1]!.getClassName()).toBe('Rescaling');
    encoder.dispose();
    expect(() =>
      defaultEncoder({ inputShape: [8, 8, 3], normalize: { mean: [0.1, 0.2], std: 1 } }),
    ).toThrow(
      /^defaultEncoder: normalize\.mean must be one finite number or one per channel \(3\), got \[0\.1,0\.2\]\.$/,
    );
    expect(() => defaultEncoder({ normalize: { mean: 0, std: 0 } })).toThrow(
      /^defaultEncoder: normalize\.std must be one finite number or one per channel \(1\), each > 0, got 0\.$/,
    );
  });
});
