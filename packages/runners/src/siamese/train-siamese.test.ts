import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { createRng, InvalidArgumentError } from '@tessera/core';
import { convEncoder } from '@tessera/models';
import { beforeAll, describe, expect, it } from 'vitest';
import { pretrain, siamese, trainSiamese } from '../index.node';
import type { PretrainMethod } from '../index.node';

/** 64 8×8 images in 4 classes: class c is bright in quadrant c, plus noise. */
function quadrants(seed = 1, n = 64) {
  const rng = createRng(seed);
  const images = new Float32Array(n * 64);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % 4;
    labels[i] = c;
    for (let y = 0; y < 8; y++)
      for (let x = 0; x < 8; x++) {
        const q = (y < 4 ? 0 : 2) + (x < 4 ? 0 : 1);
        images[i * 64 + y * 8 + x] = Math.min(
          1,
          Math.max(0, (q === c ? 0.8 : 0.2) + 0.15 * rng.normal()),
        );
      }
  }
  return { images, shape: [n, 8, 8, 1] as [number, number, number, number], labels };
}

const mean = (v: readonly number[]) => v.reduce((a, b) => a + b, 0) / v.length;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('trainSiamese', () => {
  it.each([
    { loss: 'bce', mining: 'none' },
    { loss: 'contrastive', mining: 'none' },
    { loss: 'triplet', mining: 'none' },
    { loss: 'triplet', mining: 'batch-hard' },
    { loss: 'triplet', mining: 'batch-all' },
  ] as const)(
    '$loss with mining $mining: the loss falls over 60 steps',
    async ({ loss, mining }) => {
      const encoder = convEncoder({
        inputShape: [8, 8, 1],
        filters: [4, 8],
        batchNormMomentum: 0.9,
      });
      const result = await trainSiamese({
        data: quadrants(),
        encoder,
        loss,
        mining,
        augmented: false,
        batchSize: 16,
        maxSteps: 60,
        learningRate: 0.01,
      });
      expect(result.method).toBe('siamese');
      expect(result.steps).toBe(60);
      expect(result.losses.every(Number.isFinite)).toBe(true);
      expect(mean(result.losses.slice(-10))).toBeLessThan(0.8 * mean(result.losses.slice(0, 10)));
      result.dispose();
      encoder.dispose();
    },
  );

  it('rejects mining with a pair loss, and data without labels', async () => {
    const data = quadrants();
    await expect(
      trainSiamese({ data, loss: 'bce', mining: 'batch-hard', maxSteps: 1, batchSize: 8 }),
    ).rejects.toThrow(/mining 'batch-hard' needs loss 'triplet'/);
    await expect(
      trainSiamese({ data: { images: data.images, shape: data.shape }, maxSteps: 1, batchSize: 8 }),
    ).rejects.toThrow(InvalidArgumentError);
  });

  it('mining trains on P×K batches (P classes × K images, class-major), the same ones on a re-run', async () => {
    const runOnce = async (batchSize = 8, samplesPerClass: number | null = 4) => {
      const batches: number[][] = [];
      const recording: PretrainMethod<never> = {
        ...(siamese as unknown as PretrainMethod<never>),
        create(context, options) {
          const run = siamese.create(context, options as never);
          return {
            ...run,
            step: (input) => {
              batches.push(Array.from(input.labelValues!));
              return run.step(input);
            },
          };
        },
      };
      const encoder = convEncoder({ inputShape: [8, 8, 1], filters: [4, 8] });
      const result = await pretrain({
        method: recording,
        methodOptions: {
          mining: 'batch-hard',
          augmented: false,
          ...(samplesPerClass ? { samplesPerClass } : {}),
        },
        data: quadrants(),
        encoder,
        batchSize,
        maxSteps: 6,
        seed: 5,
      });
      result.dispose();
      encoder.dispose();
      return batches;
    };
    const batches = await runOnce();
    expect(batches).toHaveLength(6);
    for (const labels of batches) {
      expect(labels).toHaveLength(8);
      const [a, b] = [labels.slice(0, 4), labels.slice(4)];
      expect(new Set(a).size).toBe(1);
      expect(new Set(b).size).toBe(1);
      expect(a[0]).not.toBe(b[0]);
    }
    expect(new Set(batches.map((l) => `${l[0]}${l[4]}`)).size).toBeGreaterThan(1);
    expect(await runOnce()).toEqual(batches);
    // by default K = 4 unless the batch would need more classes than the data has: batch 32 of
    // 4 classes → 4 classes × 8 images
    for (const labels of await runOnce(32, null)) {
      for (let p = 0; p < 4; p++) expect(new Set(labels.slice(8 * p, 8 * p + 8)).size).toBe(1);
      expect(new Set(labels).size).toBe(4);
    }
    await expect(
      trainSiamese({
        data: quadrants(),
        mining: 'batch-hard',
        samplesPerClass: 3,
        batchSize: 8,
        maxSteps: 1,
      }),
    ).rejects.toThrow(/batchSize \(8\) must be a multiple of samplesPerClass \(3\)/);
    await expect(
      trainSiamese({
        data: quadrants(),
        mining: 'batch-hard',
        samplesPerClass: 1,
        batchSize: 8,
        maxSteps: 1,
      }),
    ).rejects.toThrow(/samplesPerClass must be 0 \(random batches\) or an integer ≥ 2, got 1\./);
  });
});
