import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { InvalidArgumentError, withSeededRandom } from '@tessera/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { denseInitializers } from './dense-initializers';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('denseInitializers', () => {
  it("'pytorch': a dense layer's kernel and bias in ±1/√fan_in, a uniform's σ", () => {
    const layer = tfl.layers.dense({
      units: 500,
      inputShape: [64],
      ...denseInitializers('pytorch', 64),
    });
    const model = withSeededRandom(3, () => tfl.sequential({ layers: [layer] }));
    const [kernel, bias] = layer.getWeights().map((w) => Array.from(w.dataSync()));
    for (const v of [kernel!, bias!]) {
      expect(Math.max(...v.map(Math.abs))).toBeLessThanOrEqual(1 / 8);
      const rms = Math.sqrt(v.reduce((a, b) => a + b * b, 0) / v.length);
      expect(rms / (1 / 8 / Math.sqrt(3))).toBeGreaterThan(0.85);
      expect(rms / (1 / 8 / Math.sqrt(3))).toBeLessThan(1.15);
    }
    model.dispose();
  });

  it("'tfjs': nothing, so TF.js's defaults apply", () => {
    expect(denseInitializers('tfjs', 10)).toEqual({});
  });

  it('rejects an unknown init and a bad fanIn', () => {
    expect(() => denseInitializers('torch' as 'tfjs', 4)).toThrow(InvalidArgumentError);
    expect(() => denseInitializers('pytorch', 0)).toThrow(/fanIn/);
  });
});
