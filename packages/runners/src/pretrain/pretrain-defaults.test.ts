import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { createRng, InvalidArgumentError } from '@tessera/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { convEncoder } from '@tessera/models';
import { memoryCheckpointStore, METHODS, mnistAugment, pretrain } from '../index.node';
import type { MethodRun, PretrainMethod } from '../index.node';

const data = (() => {
  const rng = createRng(5);
  return {
    images: Float32Array.from({ length: 16 * 64 }, () => rng.next()),
    shape: [16, 8, 8, 1] as [number, number, number, number],
  };
})();

/** Every layer of a model, nested models' too. */
const layersOf = (m: tfl.LayersModel): tfl.layers.Layer[] =>
  m.layers.flatMap((l) => ('layers' in l ? layersOf(l as tfl.LayersModel) : [l]));
const norms = (m: tfl.LayersModel) =>
  layersOf(m).filter((l) => l.getClassName() === 'BatchNormalization');

/** simclr, keeping what it built for inspection (disposed by the test). */
async function simclrRun(defaults?: 'tfjs' | 'pytorch') {
  let run: MethodRun | undefined;
  const method: PretrainMethod<never> = {
    ...(METHODS.simclr as PretrainMethod<never>),
    create: (context, options) => (run = METHODS.simclr.create(context, options as never)),
  };
  const store = memoryCheckpointStore();
  const result = await pretrain({
    method,
    data,
    checkpointStore: store,
    augment: mnistAugment({ size: [8, 8] }),
    batchSize: 8,
    maxSteps: 1,
    methodOptions: { projectionDim: 8 },
    ...(defaults ? { defaults } : {}),
  });
  const head = run!.models.head!;
  const out = {
    encoderEps: norms(result.encoder).map((l) => l.getConfig().epsilon),
    headNorms: norms(head).map((l) => l.getConfig()),
    outBias: Array.from(
      head.weights
        .find((w) => w.originalName.endsWith('_out/bias'))!
        .read()
        .dataSync(),
    ),
    adamEpsilon: run!.optimizers.optimizer!.getConfig().epsilon,
    config: (await store.loadLatest())!.manifest.config as { defaults?: string },
  };
  result.dispose();
  return out;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('pretrain({ defaults })', () => {
  it("'pytorch': the default encoder, simclr's head and Adam start as PyTorch's", async () => {
    const r = await simclrRun('pytorch');
    expect(r.encoderEps).toEqual([1e-5, 1e-5, 1e-5]);
    expect(r.headNorms.map((c) => [c.epsilon, c.momentum])).toEqual([[1e-5, 0.9]]);
    // nn.Linear's bias, U(±1/√128), not zeros (after one Adam step of lr 1e-3 it stays inside ± bound + lr)
    expect(r.outBias.some((b) => Math.abs(b) > 2e-3)).toBe(true);
    expect(Math.max(...r.outBias.map(Math.abs))).toBeLessThan(1 / Math.sqrt(128) + 2e-3);
    expect(r.adamEpsilon).toBe(1e-8);
    expect(r.config.defaults).toBe('pytorch');
  });

  it("'tfjs' is the default and keeps TF.js's", async () => {
    const r = await simclrRun();
    expect(r.encoderEps).toEqual([1e-3, 1e-3, 1e-3]);
    expect(r.headNorms.map((c) => [c.epsilon, c.momentum])).toEqual([[1e-3, 0.99]]);
    // zero-initialised bias after one Adam step: each entry moved by at most ~lr
    expect(Math.max(...r.outBias.map(Math.abs))).toBeLessThan(1.01e-3);
    expect(r.adamEpsilon).toBe(1e-7);
    expect(r.config.defaults).toBe('tfjs');
  });

  it.each(Object.keys(METHODS))("%s builds and steps under 'pytorch'", async (name) => {
    const method = METHODS[name as keyof typeof METHODS];
    const labelled = {
      ...data,
      labels: Int32Array.from({ length: 16 }, (_, i) => i % 2),
    };
    // a small encoder of your own (the heads and Adam still take the defaults)
    const encoder = convEncoder({ inputShape: [8, 8, 1], filters: [4, 8] });
    const result = await pretrain({
      method: name as keyof typeof METHODS,
      data: labelled,
      encoder,
      augment: mnistAugment({ size: [8, 8] }),
      batchSize: Math.max(8, method.minBatchSize),
      maxSteps: 1,
      methodOptions: { projectionDim: 8, queueSize: 16 },
      defaults: 'pytorch',
    });
    expect(Number.isFinite(result.losses[0])).toBe(true);
    result.dispose();
    encoder.dispose();
  });

  it('refuses to resume a checkpoint written under other defaults', async () => {
    const store = memoryCheckpointStore();
    const encoder = () => convEncoder({ inputShape: [8, 8, 1], filters: [4] });
    const run = {
      method: 'simclr' as const,
      data,
      augment: mnistAugment({ size: [8, 8] }),
      batchSize: 8,
      methodOptions: { projectionDim: 8 },
      checkpointStore: store,
    };
    const first = encoder();
    (await pretrain({ ...run, encoder: first, maxSteps: 1, defaults: 'pytorch' })).dispose();
    const second = encoder();
    await expect(pretrain({ ...run, encoder: second, maxSteps: 2, resume: true })).rejects.toThrow(
      /written with defaults 'pytorch', not 'tfjs'/,
    );
    const resumed = await pretrain({
      ...run,
      encoder: second,
      maxSteps: 2,
      resume: true,
      defaults: 'pytorch',
    });
    expect(resumed.resumedFrom).toBe(1);
    resumed.dispose();
    [first, second].forEach((e) => e.dispose());
  });

  it('rejects unknown defaults before building anything', async () => {
    const before = tf.memory().numTensors;
    await expect(
      pretrain({ method: 'simclr', data, maxSteps: 1, batchSize: 8, defaults: 'keras' as never }),
    ).rejects.toThrow(InvalidArgumentError);
    expect(tf.memory().numTensors).toBe(before);
  });
});
