import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { createRng, InvalidArgumentError } from '@tessera/core';
import { convEncoder } from '@tessera/models';
import { beforeAll, describe, expect, it } from 'vitest';
import { mnistAugment } from '../mnist-augment';
import { instdisc } from './instdisc';
import type { MethodContext } from './types';

const N = 1100; // more than one 500-image chunk, not a multiple of it
const rng = createRng(3);
const pixels = Float32Array.from({ length: N * 64 }, () => rng.next());

function context(encoder: tfl.LayersModel, withImages: boolean): MethodContext {
  return {
    encoder,
    inputShape: [8, 8, 1],
    featureDim: 8,
    augment: mnistAugment({ size: [8, 8] }),
    datasetSize: N,
    batchSize: 4,
    totalSteps: undefined,
    seed: 0,
    createOptimizer: () => tf.train.adam(1e-3),
    ...(withImages
      ? {
          readImages: (start: number, end: number) =>
            tf.tensor4d(pixels.subarray(start * 64, end * 64), [end - start, 8, 8, 1]),
        }
      : {}),
  };
}

/** Every image's L2-normalised embedding, computed here without the method's code. */
function embeddings(encoder: tfl.LayersModel, embed: tfl.LayersModel): tf.Tensor2D {
  return tf.tidy(() => {
    const h = encoder.predict(tf.tensor4d(pixels, [N, 8, 8, 1])) as tf.Tensor2D;
    const e = embed.predict(h) as tf.Tensor2D;
    return tf.div(e, tf.norm(e, 2, 1, true));
  });
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('instdisc memory bank start', () => {
  const encoder = convEncoder({ inputShape: [8, 8, 1], filters: [4, 8] });

  it("'features': every row is its image's normalised embedding under the initial encoder", () => {
    const run = instdisc.create(context(encoder, true), { featureDim: 6 });
    const bank = run.getState!().tensors.bank as tf.Tensor2D;
    const expected = embeddings(encoder, run.models.embed!);
    expect(bank.shape).toEqual([N, 6]);
    const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(bank, expected))).dataSync()[0]!);
    expect(diff).toBeLessThan(1e-5);
    tf.dispose([bank, expected]);
    run.dispose();
  });

  it("'random', or a context without images: random unit rows, unrelated to the images", () => {
    for (const [withImages, options] of [
      [true, { featureDim: 6, bankInit: 'random' as const }],
      [false, { featureDim: 6 }],
    ] as const) {
      const run = instdisc.create(context(encoder, withImages), options);
      const bank = run.getState!().tensors.bank as tf.Tensor2D;
      const features = embeddings(encoder, run.models.embed!);
      const [norm, cosine] = tf.tidy(() => [
        tf.mean(tf.norm(bank, 2, 1)).dataSync()[0]!,
        tf.mean(tf.sum(tf.mul(bank, features), 1)).dataSync()[0]!,
      ]);
      expect(norm).toBeCloseTo(1, 5);
      expect(Math.abs(cosine!)).toBeLessThan(0.1); // matching rows would give 1
      tf.dispose([bank, features]);
      run.dispose();
    }
  });

  it('restoring from a checkpoint: no pass over the images, the saved bank is used', () => {
    let reads = 0;
    const counted = (restoring: boolean): MethodContext => {
      const c = context(encoder, true);
      return {
        ...c,
        restoring,
        readImages: (start, end) => {
          reads += 1;
          return c.readImages!(start, end);
        },
      };
    };
    const fresh = instdisc.create(counted(false), { featureDim: 6 });
    expect(reads).toBe(3); // 1 100 images in chunks of 500
    const saved = fresh.getState!();
    reads = 0;
    const restored = instdisc.create(counted(true), { featureDim: 6 });
    expect(reads).toBe(0);
    restored.setState!(saved);
    const bank = restored.getState!().tensors.bank as tf.Tensor2D;
    expect(Array.from(bank.dataSync())).toEqual(
      Array.from((saved.tensors.bank as tf.Tensor).dataSync()),
    );
    tf.dispose([bank, ...Object.values(saved.tensors)]);
    fresh.dispose();
    restored.dispose();
  });

  it('rejects an unknown bankInit', () => {
    expect(() => instdisc.create(context(encoder, true), { bankInit: 'zeros' as never })).toThrow(
      InvalidArgumentError,
    );
  });
});
