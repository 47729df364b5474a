// The patch pretext methods hand the encoder their tiles at the tiles' own size when it is fully
// convolutional (as the papers' conv layers), and resized to its input size when it is not.
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { compose } from '@tessera/augment';
import { createRng } from '@tessera/core';
import { convEncoder } from '@tessera/models';
import { beforeAll, describe, expect, it } from 'vitest';
import { METHODS, mnistAugment, pretrain } from '../index.node';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A dense encoder: it takes only its declared 28×28 input. */
const denseEncoder = () =>
  tfl.sequential({
    layers: [
      tfl.layers.flatten({ inputShape: [28, 28, 1] }),
      tfl.layers.dense({ units: 16, activation: 'relu' }),
    ],
  });

/** The spatial sizes the encoder saw in training mode during a 2-step run. */
async function sizesSeen(method: 'jigsaw' | 'relative-position', encoder: tfl.LayersModel) {
  const seen = new Set<string>();
  const apply = encoder.apply.bind(encoder);
  encoder.apply = ((x: tf.Tensor, kwargs?: { training?: boolean }) => {
    if (kwargs?.training) seen.add(`${x.shape[1]}×${x.shape[2]}`);
    return apply(x, kwargs);
  }) as typeof encoder.apply;
  const result = await pretrain({
    method,
    methodOptions: method === 'jigsaw' ? { permutations: 6, hiddenDim: 8 } : { hiddenDim: 8 },
    data: { images: new Float32Array(8 * 784).fill(0.5), shape: [8, 28, 28, 1] },
    encoder,
    augment: mnistAugment(),
    batchSize: 4,
    maxSteps: 2,
  });
  result.dispose();
  encoder.dispose();
  return [...seen];
}

/**
 * The tile side on 28 × 28 images: cells of 9 pixels less the default gap (jigsaw a third of the
 * cell, 3; relative-position a quarter, 2). Tiles without jitter start at `base`, `9 + base`, `18 + base`.
 */
const TILE = { jigsaw: { size: 6, base: 1 }, 'relative-position': { size: 7, base: 1 } } as const;

describe.each(['jigsaw', 'relative-position'] as const)('%s', (method) => {
  it('gives a fully convolutional encoder its tiles as they are', async () => {
    expect(METHODS[method].usesEncoder).toBe(true);
    const encoder = convEncoder({ inputShape: [28, 28, 1], filters: [4, 8] });
    const { size } = TILE[method];
    expect(await sizesSeen(method, encoder)).toEqual([`${size}×${size}`]);
  });

  it('resizes them to 28×28 for an encoder that takes only its input size', async () => {
    expect(await sizesSeen(method, denseEncoder())).toEqual(['28×28']);
  });
});

describe('jigsaw tile normalisation', () => {
  /** The tiles the encoder saw in training mode during one step on `images` (no augmentation). */
  async function tilesSeen(images: Float32Array, normalizeTiles?: boolean) {
    const encoder = convEncoder({ inputShape: [28, 28, 1], filters: [4, 8] });
    const seen: Float32Array[] = [];
    const apply = encoder.apply.bind(encoder);
    encoder.apply = ((x: tf.Tensor, kwargs?: { training?: boolean }) => {
      if (kwargs?.training && x.shape[1] === 6) seen.push(x.dataSync() as Float32Array);
      return apply(x, kwargs);
    }) as typeof encoder.apply;
    const result = await pretrain({
      method: 'jigsaw',
      methodOptions: {
        permutations: 6,
        hiddenDim: 8,
        ...(normalizeTiles === undefined ? {} : { normalizeTiles }),
      },
      data: { images, shape: [4, 28, 28, 1] },
      encoder,
      augment: compose([]),
      batchSize: 4,
      maxSteps: 1,
      seed: 3,
    });
    result.dispose();
    encoder.dispose();
    return seen[0]!;
  }

  /** Images with random pixels and a blank top-left corner (so some tiles are all zero). */
  const images = (() => {
    const rng = createRng(11);
    const out = Float32Array.from({ length: 4 * 784 }, () => rng.next());
    for (let i = 0; i < 4; i++)
      for (let y = 0; y < 10; y++) for (let x = 0; x < 10; x++) out[i * 784 + y * 28 + x] = 0;
    return out;
  })();
  const stats = (v: ArrayLike<number>) => {
    let m = 0;
    for (let i = 0; i < v.length; i++) m += v[i]!;
    m /= v.length;
    let s = 0;
    for (let i = 0; i < v.length; i++) s += (v[i]! - m) ** 2;
    return { mean: m, std: Math.sqrt(s / v.length) };
  };

  it('with normalizeTiles, gives every tile the batch’s pixel mean and standard deviation (a blank tile: the mean)', async () => {
    const batch = stats(images);
    const tiles = await tilesSeen(images, true);
    expect(tiles.length).toBe(4 * 9 * 36);
    let blank = 0;
    for (let k = 0; k < 36; k++) {
      const tile = stats(tiles.subarray(k * 36, (k + 1) * 36));
      expect(tile.mean).toBeCloseTo(batch.mean, 4);
      if (tile.std < 1e-6) blank++;
      else expect(tile.std).toBeCloseTo(batch.std, 4);
    }
    // the top-left cell of each image is blank: one tile per image
    expect(blank).toBe(4);
  });

  it('hands the tiles over as cut by default (normalizeTiles: false), and rejects a non-boolean', async () => {
    const tiles = await tilesSeen(images);
    const means = Array.from(
      { length: 36 },
      (_, k) => stats(tiles.subarray(k * 36, (k + 1) * 36)).mean,
    );
    expect(means.filter((m) => m === 0)).toHaveLength(4);
    expect(Math.max(...means)).toBeGreaterThan(0.4);
    await expect(tilesSeen(images, 'yes' as unknown as boolean)).rejects.toThrow(/normalizeTiles/);
  });
});

describe.each(['jigsaw', 'relative-position'] as const)('%s representation', (method) => {
  const { size, base } = TILE[method];
  const starts = [base, 9 + base, 18 + base];
  const data = (n: number, seed: number) => {
    const rng = createRng(seed);
    return {
      images: Float32Array.from({ length: n * 784 }, () => rng.next()),
      shape: [n, 28, 28, 1] as [number, number, number, number],
    };
  };
  const run = (encoder: tfl.LayersModel, methodOptions: Record<string, unknown> = {}) =>
    pretrain({
      method,
      methodOptions: {
        ...(method === 'jigsaw' ? { permutations: 6 } : {}),
        hiddenDim: 8,
        ...methodOptions,
      },
      data: data(8, 1),
      encoder,
      batchSize: 4,
      maxSteps: 1,
    });

  it('is the 3 × 3 tiles (training crops without jitter) through the encoder, concatenated', async () => {
    const encoder = convEncoder({ inputShape: [28, 28, 1], filters: [4, 8], name: 'tiles_enc' });
    const result = await run(encoder);
    expect(result.encoder).not.toBe(encoder);
    const x = tf.tensor4d(data(3, 2).images, [3, 28, 28, 1]);
    const ours = result.encoder.predict(x) as tf.Tensor;
    expect(ours.shape).toEqual([3, 9 * 8]);
    // cells of 9 pixels less the gap, in reading order
    const by = starts.flatMap((top) =>
      starts.map(
        (left) => encoder.apply(tf.slice(x, [0, top, left, 0], [3, size, size, 1])) as tf.Tensor,
      ),
    );
    const expected = tf.concat(by, 1);
    expect(tf.max(tf.abs(tf.sub(ours, expected))).dataSync()[0]).toBeLessThan(1e-6);
    tf.dispose([x, ours, expected, ...by]);
    result.dispose();
    encoder.dispose();
  });

  it("is the encoder with representation: 'encoder', or when the encoder cannot take tiles", async () => {
    const encoder = convEncoder({ inputShape: [28, 28, 1], filters: [4, 8] });
    const whole = await run(encoder, { representation: 'encoder' });
    expect(whole.encoder).toBe(encoder);
    whole.dispose();
    encoder.dispose();
    const dense = denseEncoder();
    const resized = await run(dense);
    expect(resized.encoder).toBe(dense);
    resized.dispose();
    dense.dispose();
    await expect(
      run(convEncoder({ inputShape: [28, 28, 1] }), { representation: 'x' }),
    ).rejects.toThrow(/representation/);
  });

  it('saves and loads (as the CLI keeps a run), and its random-init baseline holds the starting weights', async () => {
    const encoder = convEncoder({ inputShape: [28, 28, 1], filters: [4, 8], name: 'start_enc' });
    const initial = convEncoder({ inputShape: [28, 28, 1], filters: [4, 8], name: 'start_enc' });
    initial.setWeights(encoder.getWeights());
    const result = await run(encoder);
    const x = tf.tensor4d(data(2, 3).images, [2, 28, 28, 1]);
    let saved: tf.io.ModelArtifacts | undefined;
    await result.encoder.save(
      tf.io.withSaveHandler(async (a) => {
        saved = a;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    const loaded = await tfl.loadLayersModel(tf.io.fromMemory(saved!));
    const [a, b] = [result.encoder.predict(x), loaded.predict(x)] as tf.Tensor[];
    expect(Array.from(await b!.data())).toEqual(Array.from(await a!.data()));
    // the baseline: the representation's architecture around the starting weights
    const { baselineOf } = await import('../evaluate/baseline-of');
    const base = baselineOf(loaded, initial);
    expect(base.owned).toBe(true);
    const [y, z] = [
      base.model.predict(x) as tf.Tensor,
      tf.concat(
        starts.flatMap((top) =>
          starts.map(
            (left) =>
              initial.apply(tf.slice(x, [0, top, left, 0], [2, size, size, 1])) as tf.Tensor,
          ),
        ),
        1,
      ),
    ];
    expect(tf.max(tf.abs(tf.sub(y, z))).dataSync()[0]).toBeLessThan(1e-6);
    // trained ≠ start, so the check above can tell them apart
    expect(tf.max(tf.abs(tf.sub(a!, y))).dataSync()[0]).toBeGreaterThan(1e-4);
    // a representation that is the network itself: the baseline is the start as it is
    expect(baselineOf(initial, initial)).toEqual({ model: initial, owned: false });
    tf.dispose([x, a!, b!, y, z]);
    base.model.dispose();
    loaded.dispose();
    result.dispose();
    encoder.dispose();
    initial.dispose();
  });
});
