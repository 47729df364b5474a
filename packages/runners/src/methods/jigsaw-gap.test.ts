// Jigsaw's gap between tiles and jitter of each tile: where the training tiles and the tile
// representation's crops fall, and which values are rejected.
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { compose } from '@tessera/augment';
import { createRng } from '@tessera/core';
import { convEncoder } from '@tessera/models';
import { beforeAll, describe, expect, it } from 'vitest';
import { pretrain } from '../index.node';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('jigsaw gap and jitter', () => {
  const images = (n: number) => {
    const rng = createRng(5);
    return Float32Array.from({ length: n * 784 }, () => rng.next());
  };
  /** The tiles (`[size, size]` each, flattened) the encoder saw in training mode in one step. */
  async function trainingTiles(encoder: tfl.LayersModel, methodOptions: Record<string, unknown>) {
    const seen: tf.Tensor[] = [];
    const apply = encoder.apply.bind(encoder);
    encoder.apply = ((x: tf.Tensor, kwargs?: { training?: boolean }) => {
      if (kwargs?.training) seen.push(tf.keep(tf.clone(x)));
      return apply(x, kwargs);
    }) as typeof encoder.apply;
    const result = await pretrain({
      method: 'jigsaw',
      methodOptions: { permutations: 6, hiddenDim: 8, ...methodOptions },
      data: { images: images(2), shape: [2, 28, 28, 1] },
      encoder,
      augment: compose([]),
      batchSize: 2,
      maxSteps: 1,
      seed: 1,
    });
    encoder.apply = apply;
    return { result, tiles: seen[0]! };
  }
  const rows = async (t: tf.Tensor) => {
    const [m, h, w] = t.shape;
    const v = await t.data();
    return Array.from({ length: m! }, (_, i) =>
      Array.from(v.subarray(i * h! * w!, (i + 1) * h! * w!)).join(','),
    );
  };

  it('cuts tiles `gap` pixels smaller than the cells; without jitter, training tiles are the representation’s tiles, shuffled', async () => {
    const encoder = convEncoder({ inputShape: [28, 28, 1], filters: [4, 8] });
    const { result, tiles } = await trainingTiles(encoder, { gap: 4, jitter: 0 });
    expect(tiles.shape).toEqual([2 * 9, 5, 5, 1]);
    // cells of 9, gap 4 → 5 × 5 tiles at 2, 11, 20
    const x = tf.tensor4d(images(2), [2, 28, 28, 1]);
    const crops = [2, 11, 20].flatMap((top) =>
      [2, 11, 20].map((left) => tf.slice(x, [0, top, left, 0], [2, 5, 5, 1])),
    );
    const expected = tf.concat(crops);
    expect((await rows(tiles)).sort()).toEqual((await rows(expected)).sort());
    // the representation reads the same 5 × 5 crops, in reading order
    const ours = result.encoder.predict(x) as tf.Tensor;
    const features = tf.concat(
      crops.map((crop) => encoder.apply(crop) as tf.Tensor),
      1,
    );
    expect(ours.shape).toEqual([2, 9 * 8]);
    expect(tf.max(tf.abs(tf.sub(ours, features))).dataSync()[0]).toBeLessThan(1e-6);
    tf.dispose([x, expected, tiles, ours, features, ...crops]);
    result.dispose();
    encoder.dispose();
  });

  it('moves tiles by up to `jitter` pixels', async () => {
    const encoder = convEncoder({ inputShape: [28, 28, 1], filters: [4, 8] });
    const { result, tiles } = await trainingTiles(encoder, { gap: 4, jitter: 2 });
    const x = tf.tensor4d(images(2), [2, 28, 28, 1]);
    // every 5 × 5 crop whose top-left is within 2 pixels of a cell's
    const near = [2, 11, 20].flatMap((top) =>
      [2, 11, 20].flatMap((left) =>
        [-2, -1, 0, 1, 2].flatMap((dy) =>
          [-2, -1, 0, 1, 2].map((dx) => tf.slice(x, [0, top + dy, left + dx, 0], [2, 5, 5, 1])),
        ),
      ),
    );
    const allowed = new Set(await rows(tf.concat(near)));
    const unjittered = new Set(
      await rows(
        tf.concat(
          [2, 11, 20].flatMap((top) =>
            [2, 11, 20].map((left) => tf.slice(x, [0, top, left, 0], [2, 5, 5, 1])),
          ),
        ),
      ),
    );
    const seen = await rows(tiles);
    expect(seen.every((r) => allowed.has(r))).toBe(true);
    expect(seen.some((r) => !unjittered.has(r))).toBe(true);
    tf.dispose([x, tiles, ...near]);
    result.dispose();
    encoder.dispose();
  });

  it('rejects a gap as wide as a cell and a jitter over half the gap, naming the option', async () => {
    const encoder = convEncoder({ inputShape: [28, 28, 1], filters: [4, 8] });
    await expect(trainingTiles(encoder, { gap: 9 })).rejects.toThrow(/gap/);
    await expect(trainingTiles(encoder, { gap: 2, jitter: 2 })).rejects.toThrow(/jitter/);
    await expect(trainingTiles(encoder, { grid: 29 })).rejects.toThrow(/grid/);
    encoder.dispose();
  });
});
