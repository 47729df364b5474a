import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { multiView } from '@tessera/augment';
import { createRng, InvalidArgumentError } from '@tessera/core';
import { convEncoder } from '@tessera/models';
import { beforeAll, describe, expect, it } from 'vitest';
import { mnistAugment, pretrain } from '../index.node';
import type { MethodContext, PretrainMethod } from '../index.node';

function data(n = 32, side = 12) {
  const rng = createRng(5);
  return {
    images: Float32Array.from({ length: n * side * side }, () => rng.next()),
    shape: [n, side, side, 1] as [number, number, number, number],
  };
}

/** A small fully convolutional encoder (global pooling): it takes any input size. */
const smallEncoder = () => convEncoder({ inputShape: [12, 12, 1], filters: [4, 8] });

/** A method that records what `pretrain` hands it and the views its augmentation draws. */
function recorder(seen: { context?: MethodContext; viewShapes: number[][] }): PretrainMethod {
  return {
    name: 'recorder',
    family: 'non-contrastive',
    summary: 'records its context and view shapes (a test method)',
    requiresLabels: false,
    minBatchSize: 2,
    usesEncoder: true,
    resizableViews: true,
    create(context) {
      seen.context = context;
      const optimizer = context.createOptimizer();
      const vars = context.encoder.trainableWeights.map((w) => w.read() as tf.Variable);
      return {
        representation: context.encoder,
        models: { encoder: context.encoder },
        optimizers: { optimizer },
        step: ({ images, seed }) =>
          tf.tidy(() => {
            const [a, b] = multiView(context.augment, 2)(images, { seed });
            seen.viewShapes.push(a!.shape, b!.shape);
            return optimizer.minimize(
              () => {
                const za = context.encoder.apply(a!, { training: true }) as tf.Tensor2D;
                const zb = context.encoder.apply(b!, { training: true }) as tf.Tensor2D;
                return tf.mean(tf.square(tf.sub(za, zb))) as tf.Scalar;
              },
              true,
              vars,
            ) as tf.Scalar;
          }),
        dispose: () => optimizer.dispose(),
      };
    },
  };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('pretrain viewSize', () => {
  it('resamples the default augmentation to viewSize; the encoder then embeds whole images', async () => {
    const seen: { context?: MethodContext; viewShapes: number[][] } = { viewShapes: [] };
    const run = await pretrain({
      method: recorder(seen),
      data: data(),
      encoder: smallEncoder(),
      viewSize: [8, 6],
      batchSize: 8,
      maxSteps: 3,
    });
    expect(seen.context!.inputShape).toEqual([12, 12, 1]);
    expect(seen.context!.viewShape).toEqual([8, 6, 1]);
    expect(seen.viewShapes).toHaveLength(6);
    for (const shape of seen.viewShapes) expect(shape).toEqual([8, 8, 6, 1]);
    expect(run.losses.every(Number.isFinite)).toBe(true);
    const features = run.encoder.predict(tf.zeros([2, 12, 12, 1])) as tf.Tensor;
    expect(features.shape).toEqual([2, run.encoder.outputs[0]!.shape[1]]);
    features.dispose();
    run.encoder.dispose();
    run.dispose();
  });

  it('without viewSize the views keep the images’ size', async () => {
    const seen: { context?: MethodContext; viewShapes: number[][] } = { viewShapes: [] };
    const run = await pretrain({
      method: recorder(seen),
      data: data(),
      encoder: smallEncoder(),
      batchSize: 8,
      maxSteps: 1,
    });
    expect(seen.context!.viewShape).toEqual([12, 12, 1]);
    for (const shape of seen.viewShapes) expect(shape).toEqual([8, 12, 12, 1]);
    run.encoder.dispose();
    run.dispose();
  });

  it('simclr trains on smaller views with the default encoder', async () => {
    const run = await pretrain({
      method: 'simclr',
      data: data(),
      viewSize: [8, 8],
      batchSize: 8,
      maxSteps: 2,
      methodOptions: { projectionDim: 8 },
    });
    expect(run.losses).toHaveLength(2);
    expect(run.losses.every(Number.isFinite)).toBe(true);
    run.dispose();
  });

  it.each([
    [[0, 8], /positive integers/],
    [[8], /positive integers/],
    [[8.5, 8], /positive integers/],
  ])('viewSize %j is refused', async (viewSize, message) => {
    const error = await pretrain({
      method: 'simclr',
      data: data(),
      viewSize: viewSize as unknown as [number, number],
      batchSize: 8,
      maxSteps: 1,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toMatch(message);
  });

  it('is refused beside an augment of your own, and for methods that cut views by the image shape', async () => {
    const withAugment = await pretrain({
      method: 'simclr',
      data: data(),
      augment: mnistAugment({ size: [8, 8] }),
      viewSize: [8, 8],
      batchSize: 8,
      maxSteps: 1,
    }).catch((e: unknown) => e);
    expect((withAugment as Error).message).toMatch(/own augment/);
    for (const method of ['jigsaw', 'autoencoder', 'cpc'] as const) {
      const error = await pretrain({
        method,
        data: data(),
        viewSize: [8, 8],
        batchSize: 8,
        maxSteps: 1,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as Error).message).toMatch(/cannot be resampled/);
    }
  });

  it('names the problem when the encoder needs the images’ size (a flatten layer), leaking nothing', async () => {
    const encoder = tfl.sequential({
      layers: [tfl.layers.flatten({ inputShape: [12, 12, 1] }), tfl.layers.dense({ units: 4 })],
    });
    const before = tf.memory().numTensors;
    const error = await pretrain({
      method: 'simclr',
      data: data(),
      encoder,
      viewSize: [8, 8],
      batchSize: 8,
      maxSteps: 1,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toMatch(/cannot embed a 8×8 view.*takes any input size/);
    expect(tf.memory().numTensors).toBe(before);
    encoder.dispose();
  });
});

describe('pretrain minCropScale', () => {
  it('sets the default augmentation’s smallest crop, with viewSize or without', async () => {
    const x = tf.tensor4d(data(4).images.subarray(0, 4 * 144), [4, 12, 12, 1]);
    for (const [viewSize, minCropScale] of [
      [undefined, 0.6],
      [[8, 8], 0.4],
      [undefined, undefined],
    ] as const) {
      const seen: { context?: MethodContext; viewShapes: number[][] } = { viewShapes: [] };
      const run = await pretrain({
        method: recorder(seen),
        data: data(),
        encoder: smallEncoder(),
        ...(viewSize ? { viewSize } : {}),
        ...(minCropScale ? { minCropScale } : {}),
        batchSize: 8,
        maxSteps: 1,
      });
      const size = viewSize ?? ([12, 12] as const);
      const want = mnistAugment({ size, ...(minCropScale ? { minScale: minCropScale } : {}) });
      const [got, expected] = [seen.context!.augment(x, { seed: 4 }), want(x, { seed: 4 })];
      expect(Array.from(got.dataSync())).toEqual(Array.from(expected.dataSync()));
      tf.dispose([got, expected]);
      run.encoder.dispose();
      run.dispose();
    }
    x.dispose();
  });

  it('is refused outside (0, 1] and beside an augment of your own', async () => {
    const base = { method: 'simclr' as const, data: data(), batchSize: 8, maxSteps: 1 };
    for (const minCropScale of [0, -0.2, 1.5, Number.NaN])
      await expect(pretrain({ ...base, minCropScale })).rejects.toThrow(/minCropScale/);
    await expect(
      pretrain({ ...base, minCropScale: 0.5, augment: mnistAugment({ size: [12, 12] }) }),
    ).rejects.toThrow(/minCropScale sets the default augmentation's crops/);
  });
});
