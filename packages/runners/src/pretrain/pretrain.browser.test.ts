import * as tf from '@tensorflow/tfjs-core';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { createRng } from '@tessera/core';
import { convEncoder } from '@tessera/models';
import { describe, expect, it } from 'vitest';
import { knnAccuracy } from '@tessera/metrics';
import {
  createRunner,
  embedImages,
  indexedDbCheckpointStore,
  mnistAugment,
  pretrain,
} from '../index.browser';

// The browser entry in headless Chromium: pretrain on wasm and on webgl, checkpoints in IndexedDB
// that a second call resumes from, and evaluation on embeddings.
const wasmPaths = {
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
};

function tinyData(n = 48, seed = 2) {
  const rng = createRng(seed);
  return {
    images: Float32Array.from({ length: n * 64 }, () => rng.next()),
    shape: [n, 8, 8, 1] as [number, number, number, number],
    labels: Int32Array.from({ length: n }, (_, i) => i % 3),
  };
}

const options = () => ({
  method: 'simclr' as const,
  data: tinyData(),
  encoder: convEncoder({ inputShape: [8, 8, 1], filters: [4, 8] }),
  augment: mnistAugment({ size: [8, 8] }),
  batchSize: 8,
  methodOptions: { projectionDim: 8 },
  seed: 3,
});

describe('@tessera/runners in a browser', () => {
  for (const backend of ['wasm', 'webgl'] as const) {
    it(`${backend}: pretrain → IndexedDB checkpoints → resume → evaluate`, async () => {
      const runner = await createRunner({ backend, wasmPaths });
      expect(runner.backend.name).toBe(backend);
      expect(tf.getBackend()).toBe(backend);
      const store = indexedDbCheckpointStore({ run: `test-${backend}`, keep: 2 });
      await store.clear();

      const first = await runner.pretrain({
        ...options(),
        maxSteps: 6,
        checkpointStore: store,
        checkpointEvery: 2,
      });
      expect(first.stopped).toBe('max-steps');
      expect(first.losses).toHaveLength(6);
      for (const loss of first.losses) expect(Number.isFinite(loss)).toBe(true);
      expect(await store.steps()).toEqual([4, 6]); // the last `keep`
      first.dispose();

      // a new call (as after a page reload) continues from step 6
      const events: string[] = [];
      const second = await runner.pretrain({
        ...options(),
        maxSteps: 9,
        checkpointStore: store,
        checkpointEvery: 3,
        resume: true,
        onProgress: (e) => events.push(`${e.type}:${e.step}`),
      });
      expect(second.resumedFrom).toBe(6);
      expect(second.losses.slice(0, 6)).toEqual(first.losses);
      expect(second.losses).toHaveLength(9);
      expect(events).toContain('resumed:6');
      expect(await store.steps()).toEqual([6, 9]);

      const data = tinyData(60, 9);
      const before = tf.memory().numTensors;
      const evaluation = await runner.evaluateRepresentation({
        encoder: second.encoder,
        train: {
          images: data.images.subarray(0, 36 * 64),
          shape: [36, 8, 8, 1],
          labels: data.labels.subarray(0, 36),
        },
        test: {
          images: data.images.subarray(36 * 64),
          shape: [24, 8, 8, 1],
          labels: data.labels.subarray(36),
        },
        protocols: ['knn'],
        knn: { k: 5 },
        baselines: [],
      });
      expect(evaluation.rows).toHaveLength(1);
      // the protocol's kNN is knnAccuracy of the encoder's embeddings, computed here directly
      const embed = async (from: number, to: number) =>
        (
          await embedImages(second.encoder, {
            images: data.images.subarray(from * 64, to * 64),
            shape: [to - from, 8, 8, 1],
          })
        ).features;
      const [trainF, testF] = [await embed(0, 36), await embed(36, 60)];
      const rows = (f: Float32Array, n: number) =>
        Array.from({ length: n }, (_, i) =>
          Array.from(f.subarray((i * f.length) / n, ((i + 1) * f.length) / n)),
        );
      const direct = knnAccuracy(
        rows(trainF, 36),
        data.labels.subarray(0, 36),
        rows(testF, 24),
        data.labels.subarray(36),
        { k: 5 },
      );
      expect(evaluation.rows[0]!.knn).toBe(direct.accuracy);
      expect(tf.memory().numTensors).toBe(before);
      second.dispose();
      await store.clear();
      expect(await store.steps()).toEqual([]);
    });
  }

  it('IndexedDB store: a corrupted newest checkpoint falls back to the one before; bad options throw', async () => {
    const store = indexedDbCheckpointStore({ run: 'corrupt', database: 'tessera-test', keep: 3 });
    await store.clear();
    await tf.setBackend('cpu');
    const result = await pretrain({
      ...options(),
      maxSteps: 4,
      checkpointStore: store,
      checkpointEvery: 2,
    });
    result.dispose();
    // overwrite step 4's data with garbage of the same length through IndexedDB directly
    await new Promise<void>((ok, fail) => {
      const open = indexedDB.open('tessera-test', 1);
      open.onsuccess = () => {
        const tx = open.result.transaction('checkpoints', 'readwrite');
        const objects = tx.objectStore('checkpoints');
        const get = objects.get(['corrupt', 4]);
        get.onsuccess = () => {
          const row = get.result;
          row.data = new Uint8Array(row.data.length).fill(7);
          objects.put(row);
        };
        tx.oncomplete = () => {
          open.result.close();
          ok();
        };
        tx.onerror = () => fail(tx.error);
      };
    });
    const latest = await store.loadLatest();
    expect(latest?.manifest.step).toBe(2);
    expect(() => indexedDbCheckpointStore({ run: '' })).toThrow(
      /^indexedDbCheckpointStore: run must be a non-empty string, got ""\.$/,
    );
    expect(() => indexedDbCheckpointStore({ run: 'x', keep: 0 })).toThrow(
      /keep must be an integer ≥ 1/,
    );
    await store.clear();
  });
});
