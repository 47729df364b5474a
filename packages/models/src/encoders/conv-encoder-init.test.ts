import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
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
