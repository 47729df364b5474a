import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@tessera/core';
import { convEncoder } from '@tessera/models';
import { beforeAll, describe, expect, it } from 'vitest';
import { memoryCheckpointStore, METHODS, mnistAugment, pretrain } from '../index.node';

/** 64 random 8×8 "images" in [0, 1] with 4 classes. */
function tinyData(n = 64, seed = 1) {
  const rng = createRng(seed);
  return {
    images: Float32Array.from({ length: n * 64 }, () => rng.next()),
    shape: [n, 8, 8, 1] as [number, number, number, number],
    labels: Int32Array.from({ length: n }, (_, i) => i % 4),
  };
}

const tinyEncoder = () =>
  convEncoder({ inputShape: [8, 8, 1], filters: [4, 8], batchNormMomentum: 0.9 });

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Small heads so 200 cpu steps take seconds; the shared stacked models are never disposed with them. */
const SMALL: Record<string, object> = {
  simclr: { projectionDim: 8 },
  supcon: { projectionDim: 8 },
  moco: { projectionDim: 8, queueSize: 32 },
  instdisc: { featureDim: 8 },
  byol: { projectionDim: 8 },
  simsiam: { projectionDim: 8 },
  'barlow-twins': { projectionDim: 16 },
  vicreg: { projectionDim: 16 },
  autoencoder: { latentDim: 4 },
  vae: { latentDim: 4 },
  cmc: { projectionDim: 8, mode: 'core-view' },
  cpc: { grid: 2, patchDim: 8, patchFilters: [4], contextUnits: 8, predictionSteps: 1 },
  jigsaw: { grid: 2, permutations: 6, hiddenDim: 8 },
  'relative-position': { hiddenDim: 8 },
  gan: { latentDim: 4, filters: [4, 8] },
  siamese: { loss: 'triplet', mining: 'batch-hard' },
};

describe('every method', () => {
  it.each(Object.keys(METHODS))(
    '%s: trains 200 steps with the same tensor count after step 10 and step 200, finite losses',
    async (name) => {
      const encoder = tinyEncoder();
      const counts = new Map<number, number>();
      const result = await pretrain({
        method: name as keyof typeof METHODS,
        methodOptions: SMALL[name] ?? {},
        data: tinyData(),
        encoder,
        augment: mnistAugment({ size: [8, 8] }),
        batchSize: 8,
        maxSteps: 200,
        onProgress: (e) => {
          if (e.type === 'step' && (e.step === 10 || e.step === 200))
            counts.set(e.step, tf.memory().numTensors);
        },
      });
      expect(result.steps).toBe(200);
      expect(result.stopped).toBe('max-steps');
      expect(result.losses.every(Number.isFinite)).toBe(true);
      expect(counts.get(200)).toBe(counts.get(10));
      const out = result.encoder.predict(tf.zeros([2, 8, 8, 1])) as tf.Tensor;
      expect(out.shape[0]).toBe(2);
      out.dispose();
      result.dispose();
      // the caller's encoder survives the method's dispose: its weights are live and it predicts
      expect(encoder.getWeights().some((w) => w.isDisposed)).toBe(false);
      const again = encoder.predict(tf.zeros([1, 8, 8, 1])) as tf.Tensor;
      expect(again.shape).toEqual([1, 8]);
      expect(Array.from(again.dataSync()).every(Number.isFinite)).toBe(true);
      again.dispose();
      encoder.dispose();
    },
  );
});

describe('every method resumes', () => {
  it.each(Object.keys(METHODS))(
    '%s: from a step-3 checkpoint, in the same process, to the same losses and weights as an uninterrupted run',
    async (name) => {
      const first = tinyEncoder();
      const weights = first.getWeights().map((w) => w.clone());
      const encoder = () => {
        const e = tinyEncoder();
        e.setWeights(weights);
        return e;
      };
      const options = {
        method: name as keyof typeof METHODS,
        methodOptions: SMALL[name] ?? {},
        data: tinyData(),
        augment: mnistAugment({ size: [8, 8] }),
        batchSize: 8,
        maxSteps: 6,
      };
      const [e1, e2] = [encoder(), encoder()];
      const store = memoryCheckpointStore({ keep: 10 });
      const full = await pretrain({
        ...options,
        encoder: e1,
        checkpointStore: store,
        checkpointEvery: 3,
      });
      const atThree = store.checkpoints.find((c) => c.manifest.step === 3)!;
      const resumed = await pretrain({
        ...options,
        encoder: e2,
        checkpointStore: {
          location: 'step 3',
          save: async () => {},
          loadLatest: async () => atThree,
        },
        resume: true,
      });
      expect(resumed.resumedFrom).toBe(3);
      expect(resumed.losses).toEqual(full.losses);
      const probe = tf.reshape(tf.linspace(0, 1, 2 * 64), [2, 8, 8, 1]);
      const [a, b] = [full, resumed].map((r) => r.encoder.predict(probe) as tf.Tensor);
      expect(Array.from(b!.dataSync())).toEqual(Array.from(a!.dataSync()));
      tf.dispose([a!, b!, probe, ...weights]);
      for (const m of [full, resumed, e1, e2, first]) m.dispose(); // the callers' encoders survive
    },
  );
});
