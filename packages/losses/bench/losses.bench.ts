import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '@tessera/backends';
import { bench, describe } from 'vitest';
import { batchHardTripletLoss, ntXentLoss, supConLoss } from '../src/index';

// Forward + backward of the losses on random inputs, beside PyTorch's same computation
// (bench/torch-reference.py, run in the same `pnpm bench`; the ratio lands in bench-results/losses.json).
// wasm as `selectBackend` starts it: threads, the missing and the accelerated kernels, and Tessera's
// native kernels (the fused softmax without the diagonal of NT-Xent and SupCon among them).
await selectBackend({ force: 'wasm' });

type Case = { name: string; make: () => tf.Tensor[]; loss: (xs: tf.Tensor[]) => tf.Scalar };

const labels = (n: number, perClass: number) =>
  Array.from({ length: n }, (_, i) => Math.floor(i / perClass));
const CASES: Case[] = [256, 1024].map((n) => ({
  name: `ntXentLoss fwd+bwd N=${n} D=128`,
  make: () => [
    tf.randomNormal([n, 128], 0, 1, 'float32', 1),
    tf.randomNormal([n, 128], 0, 1, 'float32', 2),
  ],
  loss: ([a, b]) => ntXentLoss(a as tf.Tensor2D, b as tf.Tensor2D) as tf.Scalar,
}));
CASES.push({
  name: 'batchHardTripletLoss fwd+bwd N=512 D=128',
  make: () => [tf.randomNormal([512, 128], 0, 1, 'float32', 3)],
  loss: ([x]) => batchHardTripletLoss(x as tf.Tensor2D, labels(512, 8)) as tf.Scalar,
});
CASES.push({
  name: 'supConLoss fwd+bwd N=512 V=2 D=128',
  make: () => [tf.randomNormal([512, 2, 128], 0, 1, 'float32', 4)],
  loss: ([x]) => supConLoss(x as tf.Tensor3D, labels(512, 8)) as tf.Scalar,
});

for (const backend of ['wasm', 'cpu'] as const) {
  describe(`losses [${backend}]`, () => {
    for (const c of CASES) {
      let inputs: tf.Tensor[] = [];
      bench(
        `${c.name} [${backend}]`,
        async () => {
          const { value, grads } = tf.valueAndGrads((...xs: tf.Tensor[]) => c.loss(xs))(inputs);
          await Promise.all(grads.map((g) => g.data()));
          tf.dispose([value, ...grads]);
        },
        {
          time: 2000,
          warmupIterations: 2,
          setup: async () => {
            await tf.setBackend(backend);
            tf.dispose(inputs);
            inputs = c.make();
          },
          teardown: () => {
            tf.dispose(inputs);
            inputs = [];
          },
        },
      );
    }
  });
}
