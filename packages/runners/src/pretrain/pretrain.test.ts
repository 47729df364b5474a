import '@tensorflow/tfjs-backend-cpu';
import { mkdtemp, readdir, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { CheckpointError, createRng, InvalidArgumentError, TrainingError } from '@tessera/core';
import { fromArrays, type ImageSource } from '@tessera/data';
import { convEncoder } from '@tessera/models';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  defaultAugment,
  defaultEncoder,
  fileCheckpointStore,
  memoryCheckpointStore,
  mnistAugment,
  parseDuration,
  pretrain,
} from '../index.node';
import type { CheckpointStore } from '../index.node';

function tinyData(n = 48, seed = 2) {
  const rng = createRng(seed);
  return {
    images: Float32Array.from({ length: n * 64 }, () => rng.next()),
    shape: [n, 8, 8, 1] as [number, number, number, number],
    labels: Int32Array.from({ length: n }, (_, i) => i % 3),
  };
}

/** A tiny encoder with the same weights every call. */
function encoderFrom(weights?: tf.Tensor[]): tfl.LayersModel {
  const e = convEncoder({ inputShape: [8, 8, 1], filters: [4, 8] });
  if (weights) e.setWeights(weights);
  return e;
}

const base = (encoder: tfl.LayersModel) => ({
  data: tinyData(),
  encoder,
  augment: mnistAugment({ size: [8, 8] }),
  batchSize: 8,
  methodOptions: { projectionDim: 8, queueSize: 16 },
});

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('pretrain', () => {
  it.each(['simclr', 'moco', 'instdisc'] as const)(
    '%s: resuming from a checkpoint gives the same losses as the uninterrupted run (cpu, same seed)',
    async (method) => {
      const init = encoderFrom();
      const weights = init.getWeights().map((w) => w.clone());
      const store = memoryCheckpointStore({ keep: 10 });
      const full = await pretrain({
        ...base(encoderFrom(weights)),
        method,
        maxSteps: 8,
        checkpointStore: store,
        checkpointEvery: 4,
      });
      // a store holding only the step-4 checkpoint, as if the process died after writing it
      const atFour = store.checkpoints.find((c) => c.manifest.step === 4)!;
      const resumedStore: CheckpointStore = {
        location: 'step 4',
        save: async () => {},
        loadLatest: async () => atFour,
      };
      const events: string[] = [];
      const resumed = await pretrain({
        ...base(encoderFrom(weights)),
        method,
        maxSteps: 8,
        checkpointStore: resumedStore,
        resume: true,
        onProgress: (e) => e.type === 'resumed' && events.push(`resumed at ${e.step}`),
      });
      expect(events).toEqual(['resumed at 4']);
      expect(resumed.resumedFrom).toBe(4);
      expect(resumed.losses).toHaveLength(8);
      expect(resumed.losses.slice(4)).toEqual(full.losses.slice(4));
      const a = full.encoder.predict(tf.ones([2, 8, 8, 1])) as tf.Tensor;
      const b = resumed.encoder.predict(tf.ones([2, 8, 8, 1])) as tf.Tensor;
      expect(Array.from(await b.data())).toEqual(Array.from(await a.data()));
      tf.dispose([a, b, ...weights]);
      full.dispose();
      resumed.dispose();
      init.dispose();
    },
  );

  it.each([
    ['simclr', {}],
    ['siamese', { loss: 'triplet', mining: 'batch-hard', samplesPerClass: 4 }],
  ] as const)(
    '%s: streaming from an asynchronous ImageSource equals training on the arrays (cpu, same seed)',
    async (method, methodOptions) => {
      const weights = encoderFrom()
        .getWeights()
        .map((w) => w.clone());
      const arrays = tinyData();
      const inMemory = fromArrays(arrays);
      const requested: number[][] = [];
      const streamed: ImageSource = {
        size: inMemory.size,
        shape: inMemory.shape,
        labels: inMemory.labels!,
        description: 'an asynchronous source',
        read: async (indices) => {
          requested.push(Array.from(indices));
          await new Promise((r) => setTimeout(r, 1));
          return inMemory.readSync!(indices);
        },
      };
      const run = (data: typeof arrays | ImageSource) =>
        pretrain({
          ...base(encoderFrom(weights)),
          data,
          method,
          methodOptions: { ...base(encoderFrom()).methodOptions, ...methodOptions },
          maxSteps: 7,
          seed: 3,
        });
      const [a, b] = [await run(arrays), await run(streamed)];
      expect(b.losses).toEqual(a.losses);
      const [ya, yb] = [
        a.encoder.predict(tf.ones([2, 8, 8, 1])),
        b.encoder.predict(tf.ones([2, 8, 8, 1])),
      ] as tf.Tensor[];
      expect(Array.from(yb!.dataSync())).toEqual(Array.from(ya!.dataSync()));
      // one step read ahead: steps 1…7 plus step 8's batch, requested before step 7 trains
      expect(requested).toHaveLength(8);
      tf.dispose([ya!, yb!, ...weights]);
      for (const r of [a, b]) {
        r.encoder.dispose();
        r.dispose();
      }
    },
  );

  it('a failed read names the source and step: the run stops with its error, nothing leaks', async () => {
    const encoder = encoderFrom();
    const before = tf.memory().numTensors;
    const broken: ImageSource = {
      ...fromArrays(tinyData()),
      description: 'a broken disk',
      readSync: undefined,
      read: async () => {
        throw new Error('disk on fire');
      },
    };
    await expect(
      pretrain({ ...base(encoder), data: broken, method: 'simclr', maxSteps: 3 }),
    ).rejects.toThrow(
      /pretrain: reading the batch of step 1 from a broken disk failed: disk on fire/,
    );
    const error = await pretrain({
      ...base(encoder),
      data: broken,
      method: 'simclr',
      maxSteps: 3,
    }).catch((e: unknown) => e);
    expect(TrainingError.isInstance(error)).toBe(true);
    expect([(error as TrainingError).reason, (error as TrainingError).step]).toEqual(['data', 1]);
    expect(((error as TrainingError).cause as Error).message).toBe('disk on fire');
    expect(tf.memory().numTensors).toBe(before);
    encoder.dispose();
  });

  it('a loss that becomes NaN or infinite stops training with a TrainingError naming the step', async () => {
    const encoder = encoderFrom();
    // a step size no network survives: the weights overflow within a few steps
    const error = await pretrain({
      ...base(encoder),
      method: 'simclr',
      learningRate: 1e30,
      maxSteps: 20,
    }).catch((e: unknown) => e);
    expect(TrainingError.isInstance(error)).toBe(true);
    const { reason, step, message } = error as TrainingError;
    expect(reason).toBe('diverged');
    expect(message).toMatch(
      new RegExp(
        `^pretrain: the simclr loss became (NaN|-?Infinity) at step ${step}; lower the learning rate`,
      ),
    );
    expect(step).toBeGreaterThan(1);
    encoder.dispose();
  });

  it('resuming from a checkpoint of another configuration is a CheckpointError, not a crash', async () => {
    const store = memoryCheckpointStore({ keep: 10 });
    const first = await pretrain({
      ...base(encoderFrom()),
      method: 'simclr',
      maxSteps: 2,
      checkpointStore: store,
      checkpointEvery: 1,
    });
    first.dispose();
    const wider = convEncoder({ inputShape: [8, 8, 1], filters: [4, 16] });
    const error = await pretrain({
      ...base(wider),
      method: 'simclr',
      maxSteps: 4,
      checkpointStore: store,
      resume: true,
    }).catch((e: unknown) => e);
    expect(CheckpointError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/^pretrain: .*another configuration/);
    wider.dispose();
  });

  it('a run resumed already at its limit takes no step, saves nothing and reports 0 images/s', async () => {
    const store = memoryCheckpointStore({ keep: 10 });
    const first = await pretrain({
      ...base(encoderFrom()),
      method: 'simclr',
      maxSteps: 4,
      checkpointStore: store,
      checkpointEvery: 2,
    });
    expect(first.imagesPerSecond).toBeGreaterThan(0);
    const saved = store.checkpoints.length;
    const again = await pretrain({
      ...base(encoderFrom()),
      method: 'simclr',
      maxSteps: 4,
      checkpointStore: store,
      resume: true,
    });
    expect(again.steps).toBe(4);
    expect(again.resumedFrom).toBe(4);
    expect(again.stepSeconds).toEqual([]);
    expect(again.trainSeconds).toBe(first.trainSeconds);
    expect(again.imagesPerSecond).toBe(0);
    expect(store.checkpoints).toHaveLength(saved);
    for (const r of [first, again]) {
      r.encoder.dispose();
      r.dispose();
    }
  });

  it.each(['simclr', 'byol'] as const)(
    "%s: one seed, one run — the method's heads (and BYOL's target copy) start from the same weights",
    async (method) => {
      const init = encoderFrom();
      const weights = init.getWeights().map((w) => w.clone());
      const run = (seed: number) =>
        pretrain({ ...base(encoderFrom(weights)), method, maxSteps: 3, seed });
      const [a, b, c] = [await run(5), await run(5), await run(6)];
      expect(b.losses).toEqual(a.losses);
      expect(c.losses).not.toEqual(a.losses);
      for (const r of [a, b, c]) {
        r.encoder.dispose();
        r.dispose();
      }
      tf.dispose(weights);
      init.dispose();
    },
  );

  it('builds its default encoder from the seed', async () => {
    // the full small CNN on cpu: one step of two 4×4 images each (kept small: cpu conv gradients)
    const rng = createRng(3);
    const data = {
      images: Float32Array.from({ length: 8 * 16 }, () => rng.next()),
      shape: [8, 4, 4, 1] as [number, number, number, number],
    };
    const run = (seed: number) =>
      pretrain({
        data,
        augment: mnistAugment({ size: [4, 4] }),
        batchSize: 2,
        methodOptions: { projectionDim: 8 },
        method: 'simclr',
        maxSteps: 1,
        seed,
      });
    const [a, b] = [await run(5), await run(5)];
    expect(b.losses).toEqual(a.losses);
    const x = tf.ones([2, 4, 4, 1]);
    const [ya, yb] = [a, b].map((r) => r.encoder.predict(x) as tf.Tensor);
    expect(Array.from(await yb!.data())).toEqual(Array.from(await ya!.data()));
    tf.dispose([x, ya!, yb!]);
    for (const r of [a, b]) r.dispose();
  });

  it('standardises colour images per channel with their own statistics', async () => {
    // 4×4 RGB images whose channels differ in level: the default encoder's first layer undoes it
    const rng = createRng(4);
    const data = {
      images: Float32Array.from(
        { length: 4 * 16 * 3 },
        (_, i) => 0.6 * (i % 3) * 0.5 + 0.2 * rng.next(),
      ),
      shape: [4, 4, 4, 3] as [number, number, number, number],
    };
    const run = await pretrain({
      data,
      augment: defaultAugment([4, 4, 3]),
      batchSize: 2,
      methodOptions: { projectionDim: 8 },
      method: 'simclr',
      maxSteps: 1,
      seed: 1,
    });
    expect(run.encoder.layers[1]!.getClassName()).toBe('DepthwiseConv2D');
    const standardized = tf.tidy(() => {
      const x = tf.tensor4d(data.images, data.shape);
      const y = run.encoder.layers[1]!.apply(x) as tf.Tensor4D;
      return tf.moments(y, [0, 1, 2]);
    });
    expect(Array.from(standardized.mean.dataSync()).map((v) => Math.abs(v) < 1e-5)).toEqual([
      true,
      true,
      true,
    ]);
    expect(Array.from(standardized.variance.dataSync()).map((v) => Math.abs(v - 1) < 1e-4)).toEqual(
      [true, true, true],
    );
    tf.dispose([standardized.mean, standardized.variance]);
    run.dispose();
  });

  it('defaultEncoder({seed}) builds the same weights for a seed and others for another', () => {
    const weightsOf = (seed: number) => {
      const e = defaultEncoder({ inputShape: [8, 8, 1], seed });
      const values = e.getWeights().map((w) => Array.from(w.dataSync()));
      e.dispose();
      return values;
    };
    const a = weightsOf(3);
    expect(weightsOf(3)).toEqual(a);
    const other = weightsOf(4);
    expect(other).not.toEqual(a);
    // the kernels differ, not only in a few entries (batch-norm's ones and zeros are seed-free)
    const kernel = (w: number[][]) => w.find((v) => new Set(v).size > 1)!;
    expect(kernel(other).filter((v, i) => v === kernel(a)[i]).length).toBe(0);
  });

  it('stops on a time budget, on abort (saving a checkpoint), and reports progress', async () => {
    const encoder = encoderFrom();
    const controller = new AbortController();
    const store = memoryCheckpointStore();
    const seen: number[] = [];
    const result = await pretrain({
      ...base(encoder),
      method: 'simclr',
      epochs: 100,
      checkpointStore: store,
      onProgress: (e) => {
        if (e.type !== 'step') return;
        seen.push(e.step);
        expect(e.imagesPerSecond).toBeGreaterThan(0);
        expect(e.backend).toBe('cpu');
        if (e.step === 3) controller.abort();
      },
      signal: controller.signal,
    });
    expect(result.stopped).toBe('aborted');
    expect(seen).toEqual([1, 2, 3]);
    expect((await store.loadLatest())?.manifest.step).toBe(3);
    const timed = await pretrain({ ...base(encoder), method: 'simclr', budgetSeconds: '0.2s' });
    expect(timed.stopped).toBe('budget');
    expect(timed.trainSeconds).toBeGreaterThanOrEqual(0.2);
    result.dispose();
    timed.dispose();
    encoder.dispose();
  });

  it('rejects bad input with errors that name the argument', async () => {
    const encoder = encoderFrom();
    const run = (o: object) =>
      pretrain({ ...base(encoder), method: 'simclr', maxSteps: 1, ...o } as never);
    await expect(run({ method: 'simclrr' })).rejects.toThrow(
      /method must be one of simclr, instdisc/,
    );
    await expect(run({ batchSize: 1 })).rejects.toThrow(/simclr needs a batch of at least 2/);
    await expect(run({ budgetSeconds: '5 minutes', maxSteps: undefined })).rejects.toThrow(
      InvalidArgumentError,
    );
    await expect(run({ maxSteps: undefined })).rejects.toThrow(
      /give epochs, maxSteps or budgetSeconds/,
    );
    await expect(
      run({ method: 'supcon', data: { ...tinyData(), labels: undefined } }),
    ).rejects.toThrow(/supcon needs labels/);
    await expect(
      run({ data: { images: new Float32Array(10), shape: [2, 8, 8, 1] } }),
    ).rejects.toThrow(/data.images must hold/);
    await expect(run({ resume: true })).rejects.toThrow(/resume needs a checkpointDir/);
    encoder.dispose();
  });
});

describe('fileCheckpointStore', () => {
  it('writes atomically, keeps the last two, skips a corrupt newest checkpoint and crash leftovers', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tessera-ckpt-'));
    const encoder = encoderFrom();
    const result = await pretrain({
      ...base(encoder),
      method: 'simclr',
      maxSteps: 6,
      checkpointDir: dir,
      checkpointEvery: 2,
    });
    expect((await readdir(dir)).sort()).toEqual(['ckpt-00000004', 'ckpt-00000006']);
    // a crash during a save leaves a temporary folder; a torn write leaves a bad tensors.bin
    await mkdir(join(dir, '.tmp-deadbeef'));
    await writeFile(join(dir, '.tmp-deadbeef', 'tensors.bin'), 'partial');
    await writeFile(join(dir, 'ckpt-00000006', 'tensors.bin'), 'torn');
    const latest = await fileCheckpointStore(dir).loadLatest();
    expect(latest?.manifest.step).toBe(4);
    const resumed = await pretrain({
      ...base(encoder),
      method: 'simclr',
      maxSteps: 6,
      checkpointDir: dir,
      checkpointEvery: 2,
      resume: true,
    });
    expect(resumed.resumedFrom).toBe(4);
    expect(resumed.losses.slice(0, 4)).toEqual(result.losses.slice(0, 4));
    expect((await readdir(dir)).sort()).toEqual(['ckpt-00000004', 'ckpt-00000006']);
    result.dispose();
    resumed.dispose();
    encoder.dispose();
  });
});

describe('parseDuration', () => {
  it.each([
    [300, 300],
    ['300', 300],
    ['90s', 90],
    ['5m', 300],
    ['1h30m', 5400],
    ['1.5h', 5400],
    ['250ms', 0.25],
  ])('%s → %s s', (input, seconds) => expect(parseDuration(input)).toBeCloseTo(seconds, 9));

  it.each(['', '5 minutes', '-3', '0', 'm5', 'abc', Number.NaN])('rejects %s', (input) =>
    expect(() => parseDuration(input as never, 'tessera pretrain', '--budget')).toThrow(
      /--budget must be a positive duration/,
    ),
  );
});
