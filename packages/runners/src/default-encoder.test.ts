import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { InvalidArgumentError } from '@tessera/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultEncoder } from './default-encoder';

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
