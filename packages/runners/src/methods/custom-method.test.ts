import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { multiView } from '@tessera/augment';
import { createRng } from '@tessera/core';
import { convEncoder } from '@tessera/models';
import { beforeAll, describe, expect, it } from 'vitest';
// only the package's public API: what a user writing a method of their own has
import { memoryCheckpointStore, mnistAugment, pretrain } from '../index.node';
import type { PretrainMethod, StepInput } from '../index.node';

/** Alignment of two views plus a spread term (a minimal VICReg), with a step counter as state. */
const alignSpread: PretrainMethod<{ spread: number }> = {
  name: 'align-spread',
  family: 'non-contrastive',
  summary: 'two views pulled together, features kept apart (a test method)',
  requiresLabels: false,
  minBatchSize: 2,
  usesEncoder: true,
  create(context, { spread = 1 }) {
    const optimizer = context.createOptimizer();
    const vars = context.encoder.trainableWeights.map((w) => w.read() as tf.Variable);
    let taken = 0;
    return {
      representation: context.encoder,
      models: { encoder: context.encoder },
      optimizers: { optimizer },
      step: ({ images, seed }: StepInput) =>
        tf.tidy(() => {
          const [a, b] = multiView(context.augment, 2)(images, { seed });
          taken += 1;
          return optimizer.minimize(
            () => {
              const za = context.encoder.apply(a as tf.Tensor, { training: true }) as tf.Tensor2D;
              const zb = context.encoder.apply(b as tf.Tensor, { training: true }) as tf.Tensor2D;
              const align = tf.mean(tf.square(tf.sub(za, zb)));
              const std = tf.sqrt(tf.add(tf.moments(za, 0).variance, 1e-4));
              return tf.add(align, tf.mul(spread, tf.mean(tf.relu(tf.sub(1, std))))) as tf.Scalar;
            },
            true,
            vars,
          ) as tf.Scalar;
        }),
      getState: () => ({ tensors: {}, json: { taken } }),
      setState: (state) => {
        taken = (state.json as { taken: number }).taken;
      },
      dispose: () => optimizer.dispose(),
    };
  },
};

function data(n = 32) {
  const rng = createRng(3);
  return {
    images: Float32Array.from({ length: n * 64 }, () => rng.next()),
    shape: [n, 8, 8, 1] as [number, number, number, number],
  };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('a method of your own', () => {
  it('trains in the loop, checkpoints its state and resumes to the same losses', async () => {
    const start = convEncoder({ inputShape: [8, 8, 1], filters: [4, 8] });
    const weights = start.getWeights().map((w) => w.clone());
    const encoder = () => {
      const e = convEncoder({ inputShape: [8, 8, 1], filters: [4, 8] });
      e.setWeights(weights);
      return e;
    };
    const common = {
      method: alignSpread,
      methodOptions: { spread: 0.5 },
      data: data(),
      augment: mnistAugment({ size: [8, 8] }),
      batchSize: 8,
      maxSteps: 6,
    };
    const store = memoryCheckpointStore({ keep: 10 });
    const full = await pretrain({
      ...common,
      encoder: encoder(),
      checkpointStore: store,
      checkpointEvery: 3,
    });
    expect(full.method).toBe('align-spread');
    expect(full.steps).toBe(6);
    expect(full.losses.every(Number.isFinite)).toBe(true);
    const atThree = store.checkpoints.find((c) => c.manifest.step === 3)!;
    expect(atThree.manifest.methodState).toEqual({ taken: 3 });
    expect(store.checkpoints.at(-1)!.manifest.methodState).toEqual({ taken: 6 });
    // the encoder learnt: its weights moved from the start
    const moved = full.encoder
      .getWeights()
      .some((w, i) => tf.max(tf.abs(tf.sub(w, weights[i]!))).dataSync()[0]! > 0);
    expect(moved).toBe(true);
    const resumed = await pretrain({
      ...common,
      encoder: encoder(),
      checkpointStore: {
        location: 'step 3',
        save: async () => {},
        loadLatest: async () => atThree,
      },
      resume: true,
    });
    expect(resumed.losses.slice(3)).toEqual(full.losses.slice(3));
    for (const r of [full, resumed]) {
      r.encoder.dispose();
      r.dispose();
    }
    tf.dispose(weights);
    start.dispose();
  });
});
