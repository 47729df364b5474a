import '@tensorflow/tfjs-backend-wasm';
import { existsSync, readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '@tessera/backends';
import { createRng } from '@tessera/core';
import { bench, describe } from 'vitest';
import {
  averagePrecision,
  type CocoDetection,
  type CocoGroundTruth,
  evaluateCoco,
  knnAccuracy,
} from '../src/index';

// bench/python-reference.py runs the references beside these (same sizes; the COCO data is the very
// same file when Python is there) and scripts/bench-record.mjs writes the ratios.

describe('averagePrecision', () => {
  const rng = createRng(0);
  const labels = new Uint8Array(1_000_000);
  const scores = new Float64Array(1_000_000);
  for (let i = 0; i < labels.length; i++) {
    labels[i] = rng.next() < 0.3 ? 1 : 0;
    scores[i] = Math.round(Math.min(1, 0.2 * labels[i]! + rng.next()) * 1e4) / 1e4; // 4 dp: many ties
  }
  bench('averagePrecision 1e6 scores (4 dp, ties)', () => void averagePrecision(scores, labels), {
    time: 2000,
    iterations: 5,
  });
});

describe('evaluateCoco', () => {
  const file = new URL('../.bench/coco-synthetic.json', import.meta.url);
  const { gt, detections } = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as {
        gt: CocoGroundTruth;
        detections: CocoDetection[];
      })
    : synthetic();
  bench(
    'evaluateCoco 500 images x 100 detections x 10 classes',
    () => void evaluateCoco(gt, detections),
    {
      time: 3000,
      iterations: 5,
    },
  );
});

describe('knnAccuracy [wasm]', () => {
  let data: {
    train: tf.Tensor2D;
    labels: Int32Array;
    test: tf.Tensor2D;
    testLabels: Int32Array;
  } | null = null;
  bench(
    'knnAccuracy 60000 x 10000 x 128, k = 20 [wasm]',
    () =>
      void knnAccuracy(data!.train, data!.labels, data!.test, data!.testLabels, {
        k: 20,
        numClasses: 10,
      }),
    {
      time: 0,
      iterations: 2,
      setup: async () => {
        // wasm as `selectBackend` starts it (threads, Tessera's kernels), as PyTorch runs on 2 threads
        await selectBackend({ force: 'wasm' });
        const rng = createRng(1);
        data = {
          train: tf.randomNormal([60000, 128], 0, 1, 'float32', rng.tfSeed()),
          labels: Int32Array.from({ length: 60000 }, () => rng.nextInt(10)),
          test: tf.randomNormal([10000, 128], 0, 1, 'float32', rng.tfSeed()),
          testLabels: Int32Array.from({ length: 10000 }, () => rng.nextInt(10)),
        };
      },
      teardown: () => {
        tf.dispose([data!.train, data!.test]);
      },
    },
  );
});

/** make_synthetic_coco's layout when Python did not write the shared file (then the numbers differ from the reference's data). */
function synthetic(): { gt: CocoGroundTruth; detections: CocoDetection[] } {
  const rng = createRng(0);
  const images = Array.from({ length: 500 }, (_, i) => ({ id: i + 1 }));
  const categories = Array.from({ length: 10 }, (_, c) => ({ id: c + 1 }));
  const annotations: CocoGroundTruth['annotations'][number][] = [];
  const detections: CocoDetection[] = [];
  for (const { id } of images) {
    const gts: number[][] = [];
    for (let j = 0, n = 3 + rng.nextInt(13); j < n; j++) {
      const side = [16, 50, 150][rng.nextInt(3)]! * rng.uniform(0.6, 1.5);
      const box = [
        rng.uniform(0, 600),
        rng.uniform(0, 400),
        side * rng.uniform(0.6, 1.6),
        side * rng.uniform(0.6, 1.6),
      ];
      const c = 1 + rng.nextInt(10);
      annotations.push({
        id: annotations.length + 1,
        image_id: id,
        category_id: c,
        bbox: box,
        area: box[2]! * box[3]!,
        iscrowd: rng.next() < 0.02 ? 1 : 0,
      });
      gts.push([...box, c]);
    }
    for (let k = 0; k < 100; k++) {
      const g = gts[k % gts.length]!;
      const jitter = k < 2 * gts.length && rng.next() < 0.8;
      const bbox = jitter
        ? [
            g[0]! + rng.normal(0, 0.1) * g[2]!,
            g[1]! + rng.normal(0, 0.1) * g[3]!,
            Math.max(1, g[2]! * (1 + rng.normal(0, 0.1))),
            Math.max(1, g[3]! * (1 + rng.normal(0, 0.1))),
          ]
        : [rng.uniform(0, 600), rng.uniform(0, 400), rng.uniform(5, 200), rng.uniform(5, 200)];
      const category_id = jitter && rng.next() > 0.1 ? g[4]! : 1 + rng.nextInt(10);
      detections.push({
        image_id: id,
        category_id,
        bbox,
        score: Math.round((jitter ? rng.uniform(0.3, 1) : rng.uniform(0, 0.7)) * 1000) / 1000,
      });
    }
  }
  return { gt: { images, categories, annotations }, detections };
}
