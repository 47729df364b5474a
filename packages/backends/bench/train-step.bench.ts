import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import * as tf from '@tensorflow/tfjs-core';
import { bench, describe } from 'vitest';
import { registerWasmTrainingKernels } from '../src/index.node';
import { simclrStepState } from './small-cnn';

// One Adam step of DESIGN's small CNN with NT-Xent on 2×256 MNIST-sized views — the same step as
// PyTorch's `simclr_train_step_B256x2_28x28x1` (bench/torch-reference.py runs it in the same
// `pnpm bench`; bench-results/backends.json gets the ratio).
registerWasmTrainingKernels();

function stepBench(backend: 'wasm' | 'cpu', batch: number, iterations: number) {
  let state: ReturnType<typeof simclrStepState> | null = null;
  return {
    fn: async () => {
      await state!.step();
    },
    options: {
      iterations,
      time: 0,
      warmupIterations: 1,
      warmupTime: 0,
      setup: async () => {
        await tf.setBackend(backend);
        state ??= simclrStepState(batch, [28, 28, 1]);
      },
      teardown: () => {
        state?.dispose();
        state = null;
      },
    },
  };
}

describe('simclr step, small CNN, 2×256 × 28×28×1 [wasm]', () => {
  const { fn, options } = stepBench('wasm', 256, 5);
  bench('Adam step (2×256) [wasm]', fn, options);
});

// cpu is ~400× slower than wasm here (a 2×16 step took 105 s), so cpu is measured on 2×8, 1/32 of
// the batch; its time scales about linearly with the batch.
describe('simclr step, small CNN, 2×8 × 28×28×1 [cpu]', () => {
  const { fn, options } = stepBench('cpu', 8, 1);
  bench('Adam step (2×8) [cpu]', fn, options);
});
