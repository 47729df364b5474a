import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '@tessera/backends';
import { compose } from '@tessera/augment';
import { createRng } from '@tessera/core';
import { bench, describe } from 'vitest';
import { availableParallelism } from 'node:os';
import { defaultEncoder } from '../src/default-encoder';
import { simclr } from '../src/methods/simclr';
import type { MethodContext, MethodRun } from '../src/methods/types';
import { mnistAugment } from '../src/mnist-augment';

// SimCLR images/s through the runner: one step of the `simclr` method exactly as `pretrain` takes
// it (DESIGN's small CNN, 2-layer head to 128, NT-Xent τ = 0.5, Adam 1e-3) on 256 MNIST-sized
// images, on wasm as `selectBackend` starts it in Node (one XNNPACK thread per core, at most 8).
// bench/torch-reference.py times PyTorch's same step (two 256-image views, no augmentation) in
// the same `pnpm bench`; scripts/bench-record.mjs turns "256 images" into images/s and the ratio.
const BATCH = 256;
const threads = Math.min(availableParallelism(), 8);

function stepState(augmented: boolean) {
  let run: MethodRun | null = null;
  let encoder: ReturnType<typeof defaultEncoder> | null = null;
  let images: tf.Tensor4D | null = null;
  let step = 0;
  return {
    fn: async () => {
      const loss = run!.step({
        images: images!,
        indices: Int32Array.from({ length: BATCH }, (_, i) => i),
        seed: 1000 + step,
        step,
      });
      await loss.data();
      loss.dispose();
      step += 1;
    },
    options: {
      iterations: 5,
      time: 0,
      warmupIterations: 1,
      warmupTime: 0,
      setup: async () => {
        if (run) return;
        const choice = await selectBackend({ allow: ['wasm'], wasmThreads: threads });
        if (choice.name !== 'wasm') throw new Error(`expected wasm, got ${choice.name}`);
        const rng = createRng(7);
        const pixels = Float32Array.from({ length: BATCH * 28 * 28 }, () => rng.next());
        images = tf.tensor4d(pixels, [BATCH, 28, 28, 1]);
        encoder = defaultEncoder({ inputShape: [28, 28, 1] });
        const context: MethodContext = {
          encoder,
          inputShape: [28, 28, 1],
          featureDim: encoder.outputs[0]!.shape.at(-1) as number,
          augment: augmented ? mnistAugment() : compose([]),
          datasetSize: BATCH,
          batchSize: BATCH,
          totalSteps: undefined,
          seed: 0,
          createOptimizer: () => tf.train.adam(1e-3),
        };
        run = simclr.create(context, { temperature: 0.5 });
      },
      teardown: () => {
        run?.dispose();
        encoder?.dispose();
        images?.dispose();
        run = null;
      },
    },
  };
}

describe(`simclr method step, small CNN, 28×28×1 [wasm, ${threads} threads]`, () => {
  const plain = stepState(false);
  bench(
    `SimCLR step, ${BATCH} images, views given (as PyTorch's step) [wasm, ${threads} threads]`,
    plain.fn,
    plain.options,
  );
  const augmented = stepState(true);
  bench(
    `SimCLR step, ${BATCH} images, mnistAugment views included [wasm, ${threads} threads]`,
    augmented.fn,
    augmented.options,
  );
});
