import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@tessera/core';
import { bench, describe } from 'vitest';
import { batchedNms, boxIou, convertBoxes, nms } from '../src/index';

// The boxes of tests/fixtures/reference/bench_torch.py: x1, y1 ~ U[0, 1000), w, h ~ U[10, 100),
// scores ~ U[0, 1). torchvision runs beside (bench/torch-reference.py); ratios in bench-results.
function randomDetections(n: number, seed: number) {
  const rng = createRng(seed);
  const boxes = new Float32Array(4 * n);
  for (let i = 0; i < n; i++) {
    const x = rng.uniform(0, 1000);
    const y = rng.uniform(0, 1000);
    boxes.set([x, y, x + rng.uniform(10, 100), y + rng.uniform(10, 100)], 4 * i);
  }
  return { boxes, scores: Float32Array.from({ length: n }, () => rng.next()) };
}

const SIZES = [2000, 10000, 50000] as const;
const data = new Map(SIZES.map((n) => [n, randomDetections(n, 3)]));
const rows = (b: Float32Array) =>
  Array.from({ length: b.length / 4 }, (_, i) => Array.from(b.subarray(4 * i, 4 * i + 4)));

describe('nms (typed arrays, no backend)', () => {
  for (const n of SIZES) {
    const { boxes, scores } = data.get(n)!;
    const nested = rows(boxes);
    bench(`nms ${n} boxes`, () => void nms(nested, scores, { iouThreshold: 0.5 }), {
      time: n === 50000 ? 0 : 1000,
      iterations: n === 50000 ? 3 : 10,
    });
  }
});

describe('batchedNms (typed arrays, no backend)', () => {
  const { boxes, scores } = randomDetections(10000, 4);
  const rng = createRng(5);
  const classes = Int32Array.from({ length: 10000 }, () => rng.nextInt(80));
  const nested = rows(boxes);
  bench(
    'batchedNms 10000 boxes, 80 classes',
    () => void batchedNms(nested, scores, classes, { iouThreshold: 0.5 }),
    {
      time: 1000,
      iterations: 10,
    },
  );
});

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`tf.image.nonMaxSuppression [${backend}]`, () => {
    for (const n of SIZES) {
      let state: { yxyx: tf.Tensor2D; s: tf.Tensor1D } | null = null;
      bench(
        `tf.image.nonMaxSuppression ${n} boxes [${backend}]`,
        async () => {
          const keep = await tf.image.nonMaxSuppressionAsync(state!.yxyx, state!.s, n, 0.5);
          keep.dispose();
        },
        {
          time: 0,
          iterations: n === 50000 ? 1 : 5,
          setup: async () => {
            await tf.setBackend(backend);
            const { boxes, scores } = data.get(n)!;
            state = {
              yxyx: convertBoxes(tf.tensor2d(boxes, [n, 4]), 'xyxy', 'yxyx'),
              s: tf.tensor1d(scores),
            };
          },
          teardown: () => {
            if (state) tf.dispose([state.yxyx, state.s]);
            state = null;
          },
        },
      );
    }
  });

  describe(`boxIou [${backend}]`, () => {
    // boxIou 5000×5000 on cpu takes ~27 s a call: measured on wasm only.
    for (const n of backend === 'cpu' ? [1000] : [1000, 5000]) {
      let pair: [tf.Tensor2D, tf.Tensor2D] | null = null;
      bench(
        `boxIou ${n}x${n} [${backend}]`,
        async () => {
          const iou = boxIou(pair![0], pair![1]);
          await iou.data();
          iou.dispose();
        },
        {
          time: 0,
          iterations: n === 5000 ? 3 : 10,
          setup: async () => {
            await tf.setBackend(backend);
            pair = [
              tf.tensor2d(randomDetections(n, 1).boxes, [n, 4]),
              tf.tensor2d(randomDetections(n, 2).boxes, [n, 4]),
            ];
          },
          teardown: () => {
            if (pair) tf.dispose(pair);
            pair = null;
          },
        },
      );
    }
  });
}
