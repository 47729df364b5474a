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

  it('probeOnlyFeatures: kNN and few-shot read the leading features, the probe all of them', async () => {
    const train = clusters(240, 1, 0.5);
    const test = clusters(120, 2, 0.5);
    const flatten = () => tfl.layers.flatten({ inputShape: [4, 4, 1] });
    const all = tfl.sequential({ layers: [flatten()] });
    // the first 10 of the 16 pixels, exactly: a product with a 0/1 selection matrix
    const first10 = tfl.sequential({
      layers: [flatten(), tfl.layers.dense({ units: 10, useBias: false })],
    });
    first10.layers[1]!.setWeights([tf.eye(16, 10)]);
    const fewShot = { ways: 3, shots: [1, 5], queries: 5, episodes: 50, classes: [3, 4, 5] };
    const run = async (encoder: tfl.LayersModel, probeOnlyFeatures?: number) =>
      (
        await evaluateRepresentation({
          encoder,
          train,
          test,
          baselines: [],
          fewShot,
          ...(probeOnlyFeatures === undefined ? {} : { probeOnlyFeatures }),
        })
      ).rows[0]!;
    const split = await run(all, 6);
    const [small, whole] = [await run(first10), await run(all)];
    expect(split.dim).toBe(10);
    expect(split.probeDim).toBe(16);
    expect(split.knn).toBe(small.knn);
    expect(split.fewShot!.map((f) => f.mean)).toEqual(small.fewShot!.map((f) => f.mean));
    expect(split.linear).toBe(whole.linear);
    // the halves differ: the split is not a no-op
    expect(small.linear).not.toBe(whole.linear);
    await expect(
      evaluateRepresentation({ encoder: all, train, test, probeOnlyFeatures: 16 }),
    ).rejects.toThrow(/must leave features for the representation/);
    all.dispose();
    first10.dispose();
  });

  it('distanceOnlyFeatures: kNN and few-shot read the leading features, the probe only the rest', async () => {
    const train = clusters(240, 1, 0.5);
    const test = clusters(120, 2, 0.5);
    const flatten = () => tfl.layers.flatten({ inputShape: [4, 4, 1] });
    const select = (units: number, weights: tf.Tensor2D) => {
      const model = tfl.sequential({
        layers: [flatten(), tfl.layers.dense({ units, useBias: false })],
      });
      model.layers[1]!.setWeights([weights]);
      return model;
    };
    // [first 6 pixels | all 16], [first 6], and [all 16], each exactly, by 0/1 selection matrices
    const eye = tf.eye(16);
    const both = select(22, tf.concat([tf.eye(16, 6), eye], 1) as tf.Tensor2D);
    const first6 = select(6, tf.eye(16, 6) as tf.Tensor2D);
    const all = tfl.sequential({ layers: [flatten()] });
    const fewShot = { ways: 3, shots: [1, 5], queries: 5, episodes: 50, classes: [3, 4, 5] };
    const run = async (encoder: tfl.LayersModel, split = {}) =>
      (await evaluateRepresentation({ encoder, train, test, baselines: [], fewShot, ...split }))
        .rows[0]!;
    const split = await run(both, { distanceOnlyFeatures: 6, probeOnlyFeatures: 16 });
    const [small, whole] = [await run(first6), await run(all)];
    expect(split.dim).toBe(6);
    expect(split.probeDim).toBe(16);
    expect(split.knn).toBe(small.knn);
    expect(split.fewShot!.map((f) => f.mean)).toEqual(small.fewShot!.map((f) => f.mean));
    expect(split.linear).toBe(whole.linear);
    expect(small.linear).not.toBe(whole.linear);
    for (const bad of [
      { distanceOnlyFeatures: 22 },
      { distanceOnlyFeatures: 10, probeOnlyFeatures: 16 },
      { distanceOnlyFeatures: -1 },
    ])
      await expect(run(both, bad)).rejects.toThrow(/distanceOnlyFeatures/);
    tf.dispose(eye);
    [both, first6, all].forEach((m) => m.dispose());
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

  it('labelled sources read batch by batch score exactly as the same arrays, every row', async () => {
    const train = clusters(240, 5, 0.4);
    const test = clusters(120, 6, 0.4);
    // asynchronous only (no readSync), reads counted: the images are embedded batch by batch
    const reads: number[] = [];
    const asSource = (d: typeof train) => {
      const item = 16;
      return {
        size: d.labels.length,
        shape: [4, 4, 1] as const,
        labels: d.labels,
        description: 'clusters',
        read: async (indices: ArrayLike<number>) => {
          reads.push(indices.length);
          const out = new Float32Array(indices.length * item);
          for (let i = 0; i < indices.length; i++)
            out.set(d.images.subarray(indices[i]! * item, (indices[i]! + 1) * item), i * item);
          return out;
        },
      };
    };
    const encoder = tfl.sequential({
      layers: [tfl.layers.flatten({ inputShape: [4, 4, 1] }), tfl.layers.dense({ units: 6 })],
    });
    const options = {
      encoder,
      baselines: ['random-init', 'raw-pixels'] as const,
      fewShot: { classes: [0, 1, 2, 3, 4], shots: [1], episodes: 20, queries: 5 },
      batchSize: 100,
    };
    const arrays = await evaluateRepresentation({ ...options, train, test });
    const sources = await evaluateRepresentation({
      ...options,
      train: asSource(train),
      test: asSource(test),
    });
    const scores = (e: typeof arrays) => e.rows.map(({ seconds: _, ...r }) => r);
    expect(scores(sources)).toEqual(scores(arrays));
    expect(sources.table).toBe(arrays.table);
    // two encoders × (240 + 120 in batches of ≤ 100), then the raw pixels read whole once per set
    expect(reads).toEqual([100, 100, 40, 100, 20, 100, 100, 40, 100, 20, 240, 120]);
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
