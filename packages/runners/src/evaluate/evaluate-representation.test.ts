import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { createRng } from '@tessera/core';
import { knnAccuracy } from '@tessera/metrics';
import { linearProbe } from '@tessera/metrics';
import { beforeAll, describe, expect, it } from 'vitest';
import { standardize } from './standardize';
import { evaluateRepresentation } from '../index.node';

/** `n` 4×4 images of `classes` noisy prototypes (class c lights pixel block c). */
function clusters(n: number, seed: number, noise: number) {
  const rng = createRng(seed);
  const labels = Int32Array.from({ length: n }, (_, i) => i % 6);
  const images = new Float32Array(n * 16);
  labels.forEach((c, i) => {
    for (let p = 0; p < 16; p++)
      images[i * 16 + p] = Math.min(
        1,
        Math.max(0, (p === c || p === c + 8 ? 0.9 : 0.1) + noise * rng.normal()),
      );
  });
  return { images, labels, shape: [n, 4, 4, 1] as [number, number, number, number] };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('evaluateRepresentation', () => {
  it('an identity encoder scores exactly as raw pixels; kNN equals knnAccuracy; protocols see arrays only', async () => {
    const train = clusters(240, 1, 0.3);
    const test = clusters(120, 2, 0.3);
    const encoder = tfl.sequential({ layers: [tfl.layers.flatten({ inputShape: [4, 4, 1] })] });
    const before = tf.memory().numTensors;
    const { rows, table } = await evaluateRepresentation({
      encoder,
      train,
      test,
      baselines: ['raw-pixels'],
      fewShot: { ways: 3, shots: [1, 5], queries: 5, episodes: 50, classes: [3, 4, 5] },
    });
    expect(tf.memory().numTensors).toBe(before);
    const [mine, raw] = rows;
    expect(mine!.name).toBe('pretrained');
    expect(raw!.name).toBe('raw-pixels');
    expect(mine!.knn).toBe(raw!.knn);
    expect(mine!.linear).toBe(raw!.linear);
    expect(mine!.fewShot!.map((f) => f.mean)).toEqual(raw!.fewShot!.map((f) => f.mean));
    const direct = knnAccuracy(
      tf.tensor2d(train.images, [240, 16]),
      train.labels,
      tf.tensor2d(test.images, [120, 16]),
      test.labels,
      { k: 20, temperature: 0.07 },
    ).accuracy;
    expect(mine!.knn).toBe(direct);
    // well-separated clusters: every protocol is far above chance
    expect(mine!.knn).toBeGreaterThan(0.9);
    expect(mine!.linear).toBeGreaterThan(0.9);
    expect(mine!.fewShot![1]!.mean).toBeGreaterThan(0.9);
    expect(mine!.fewShot![1]!.halfWidth).toBeGreaterThanOrEqual(0);
    expect(table.split('\n')[0]).toMatch(
      /representation\s+dim\s+kNN %\s+linear %\s+3-way 1-shot %\s+3-way 5-shot %/,
    );
    encoder.dispose();
  });

  it("the default probe is scikit-learn's LogisticRegression() on standardised features; solver 'adam' is the mini-batch probe", async () => {
    const train = clusters(240, 1, 0.6);
    const test = clusters(120, 2, 0.6);
    const encoder = tfl.sequential({ layers: [tfl.layers.flatten({ inputShape: [4, 4, 1] })] });
    const run = async (linear?: object) =>
      (
        await evaluateRepresentation({
          encoder,
          train,
          test,
          protocols: ['linear'],
          baselines: [],
          ...(linear ? { linear } : {}),
        })
      ).rows[0]!.linear;
    const { train: a, test: b, dim } = standardize(train.images, test.images, 16);
    const direct = await linearProbe(
      tf.tensor2d(a, [240, dim]),
      train.labels,
      tf.tensor2d(b, [120, dim]),
      test.labels,
      { solver: 'lbfgs', weightDecay: 1 / 240, maxIterations: 100 },
    );
    expect(await run()).toBe(direct.testAccuracy);
    const adam = await linearProbe(
      tf.tensor2d(a, [240, dim]),
      train.labels,
      tf.tensor2d(b, [120, dim]),
      test.labels,
      { epochs: 30, batchSize: 256, learningRate: 1e-3 },
    );
    expect(await run({ solver: 'adam' })).toBe(adam.testAccuracy);
    encoder.dispose();
  });

  it('measures a freshly initialised copy of the encoder as the random-init baseline', async () => {
    const train = clusters(60, 3, 0.2);
    const test = clusters(30, 4, 0.2);
    const encoder = tfl.sequential({
      layers: [tfl.layers.flatten({ inputShape: [4, 4, 1] }), tfl.layers.dense({ units: 5 })],
    });
    const { rows } = await evaluateRepresentation({ encoder, train, test, protocols: ['knn'] });
    expect(rows.map((r) => r.name)).toEqual(['pretrained', 'random-init']);
    expect(rows.every((r) => r.dim === 5 && r.knn !== undefined && r.linear === undefined)).toBe(
      true,
    );
    encoder.dispose();
  });

  it('rejects unlabelled data and unknown protocols', async () => {
    const encoder = tfl.sequential({ layers: [tfl.layers.flatten({ inputShape: [4, 4, 1] })] });
    const train = clusters(12, 1, 0);
    await expect(
      evaluateRepresentation({
        encoder,
        train: { ...train, labels: undefined as never },
        test: train,
      }),
    ).rejects.toThrow(/train must be labelled images/);
    await expect(
      evaluateRepresentation({ encoder, train, test: train, protocols: ['knn', 'svm' as never] }),
    ).rejects.toThrow(/protocols must be 'knn', 'linear', 'few-shot', got/);
    encoder.dispose();
  });
});
