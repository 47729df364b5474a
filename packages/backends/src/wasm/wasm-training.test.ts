import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { createRng } from '@tessera/core';
import { describeWithBackends } from '@tessera/test-utils';
import { expect, it } from 'vitest';
import { registerWasmTrainingKernels } from './register-wasm-training-kernels';

/** 48 images 12×12×1: class 0 bright in the top half, class 1 in the bottom half, plus noise. */
function toyData(seed: number) {
  const rng = createRng(seed);
  const n = 48;
  const x = new Float32Array(n * 144);
  const y = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    const cls = i % 2;
    y[i * 2 + cls] = 1;
    for (let p = 0; p < 144; p++) {
      const top = p < 72;
      x[i * 144 + p] = ((cls === 0) === top ? 0.8 : 0.2) + 0.2 * rng.normal();
    }
  }
  return { xs: tf.tensor4d(x, [n, 12, 12, 1]), ys: tf.tensor2d(y, [n, 2]) };
}

function smallCnn(): tfl.LayersModel {
  const m = tfl.sequential();
  m.add(
    tfl.layers.conv2d({
      inputShape: [12, 12, 1],
      filters: 8,
      kernelSize: 3,
      strides: 1,
      padding: 'same',
      seed: 1,
    } as never),
  );
  m.add(tfl.layers.batchNormalization());
  m.add(tfl.layers.reLU());
  m.add(
    tfl.layers.conv2d({ filters: 8, kernelSize: 3, strides: 2, padding: 'same', seed: 2 } as never),
  );
  m.add(tfl.layers.reLU());
  m.add(tfl.layers.globalAveragePooling2d({}));
  m.add(
    tfl.layers.dense({ units: 2, kernelInitializer: tfl.initializers.glorotUniform({ seed: 3 }) }),
  );
  return m;
}

describeWithBackends(
  'training on wasm with the added kernels',
  () => {
    it('model.fit trains a conv net with batch norm and its loss falls', async () => {
      registerWasmTrainingKernels();
      const { xs, ys } = toyData(1);
      const model = smallCnn();
      model.compile({
        optimizer: tf.train.adam(0.02),
        loss: (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.losses.softmaxCrossEntropy(yTrue, yPred),
      });
      const history = await model.fit(xs, ys, {
        epochs: 12,
        batchSize: 16,
        shuffle: false,
        verbose: 0,
      });
      const losses = history.history.loss as number[];
      expect(losses.every(Number.isFinite)).toBe(true);
      expect(losses.at(-1)!).toBeLessThan(0.6 * losses[0]!);
      model.dispose();
      tf.dispose([xs, ys]);
    });

    it('tf.memory().numTensors is flat over 20 optimizer steps', async () => {
      registerWasmTrainingKernels();
      const { xs, ys } = toyData(2);
      const model = smallCnn();
      const optimizer = tf.train.adam(0.01);
      const step = () =>
        optimizer
          .minimize(
            () =>
              tf.losses.softmaxCrossEntropy(ys, model.apply(xs, { training: true }) as tf.Tensor),
            false,
          )
          ?.dispose();
      const counts: number[] = [];
      for (let i = 1; i <= 20; i++) {
        step();
        counts.push(tf.memory().numTensors);
      }
      // Adam creates its moment slots on the first step; from then on the count must not move.
      expect(new Set(counts.slice(1)).size).toBe(1);
      optimizer.dispose();
      model.dispose();
      tf.dispose([xs, ys]);
    });
  },
  { backends: ['wasm'] },
);
