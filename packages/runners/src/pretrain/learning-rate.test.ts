import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@tessera/core';
import { convEncoder } from '@tessera/models';
import { beforeAll, describe, expect, it } from 'vitest';
import { pretrain } from '../index.node';
import type { PretrainMethod } from '../index.node';

/** A method that records its optimizer's learning rate at every step (and takes a real step). */
function recording(rates: number[]): PretrainMethod<never> {
  return {
    name: 'rate-recorder',
    family: 'non-contrastive',
    summary: 'records the learning rate',
    requiresLabels: false,
    minBatchSize: 1,
    usesEncoder: true,
    create(context) {
      const optimizer = context.createOptimizer();
      const vars = context.encoder.trainableWeights.map((w) => w.read() as tf.Variable);
      return {
        representation: context.encoder,
        models: { encoder: context.encoder },
        optimizers: { optimizer },
        step: ({ images }) => {
          const o = optimizer as unknown as { learningRate: number };
          rates.push(o.learningRate);
          return optimizer.minimize(
            () => tf.mean(tf.square(context.encoder.apply(images) as tf.Tensor)) as tf.Scalar,
            true,
            vars,
          ) as tf.Scalar;
        },
        dispose: () => optimizer.dispose(),
      };
    },
  };
}

const rng = createRng(4);
const data = {
  images: Float32Array.from({ length: 16 * 16 }, () => rng.next()),
  shape: [16, 4, 4, 1] as [number, number, number, number],
};

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('learning-rate schedules', () => {
  it.each(['adam', 'sgd'] as const)(
    "%s: 'cosine' with warm-up sets every step's rate: base · min(1, (s+1)/w) · ½(1 + cos(π s/S))",
    async (optimizer) => {
      const rates: number[] = [];
      const run = await pretrain({
        method: recording(rates),
        data,
        encoder: convEncoder({ inputShape: [4, 4, 1], filters: [2] }),
        batchSize: 4,
        maxSteps: 4,
        optimizer,
        learningRate: 0.1,
        learningRateSchedule: 'cosine',
        warmupSteps: 2,
      });
      const want = [0, 1, 2, 3].map(
        (s) => 0.1 * Math.min(1, (s + 1) / 2) * 0.5 * (1 + Math.cos((Math.PI * s) / 4)),
      );
      if (optimizer === 'adam') rates.forEach((r, s) => expect(r).toBeCloseTo(want[s]!, 12));
      else expect(rates).toHaveLength(4); // SGD keeps its rate as a tensor: checked by the update below
      run.encoder.dispose();
      run.dispose();
    },
  );

  it("sgd: the update uses the scheduled rate (a 'constant' run with warm-up moves less at first)", async () => {
    const step = async (warmupSteps: number) => {
      const encoder = convEncoder({ inputShape: [4, 4, 1], filters: [2], batchNorm: false });
      encoder.setWeights(encoder.getWeights().map((w) => tf.onesLike(w)));
      const before = encoder.getWeights().map((w) => w.clone());
      const run = await pretrain({
        method: recording([]),
        data,
        encoder,
        batchSize: 4,
        maxSteps: 1,
        optimizer: 'sgd',
        learningRate: 0.01,
        warmupSteps,
      });
      const moved = encoder
        .getWeights()
        .reduce((a, w, i) => a + tf.sum(tf.abs(tf.sub(w, before[i]!))).dataSync()[0]!, 0);
      tf.dispose(before);
      run.dispose();
      encoder.dispose();
      return moved;
    };
    const [full, warm] = [await step(0), await step(4)];
    expect(warm / full).toBeCloseTo(1 / 4, 5);
  });

  it('rejects an unknown schedule and a negative warm-up', async () => {
    const base = { method: recording([]), data, batchSize: 4, maxSteps: 1 };
    await expect(pretrain({ ...base, learningRateSchedule: 'step' as never })).rejects.toThrow(
      /learningRateSchedule must be 'constant' or 'cosine', got "step"/,
    );
    await expect(pretrain({ ...base, warmupSteps: -1 })).rejects.toThrow(/warmupSteps/);
  });
});
