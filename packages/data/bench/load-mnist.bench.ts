import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { bench, describe } from 'vitest';
import { loadMnist } from '../src/index.node';

// Target (issue #8): all 60 000 training images into a tensor in under 1 s.
describe('MNIST train split into a tensor [cpu]', () => {
  bench(
    'loadMnist({split: train}) + tf.tensor4d (60 000 × 28 × 28 × 1) [cpu]',
    async () => {
      await tf.setBackend('cpu');
      const { images, shape } = await loadMnist({ split: 'train' });
      const x = tf.tensor4d(images, shape as [number, number, number, number]);
      x.dispose();
    },
    { iterations: 5, time: 0, warmupIterations: 1 },
  );
});
