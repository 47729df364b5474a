import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { bench, describe } from 'vitest';
import { selectBackend } from '../src/index.node';
import { stepBench } from './step-bench';

// One Adam step of DESIGN's small CNN with NT-Xent on 2×256 MNIST-sized views — the same step as
// PyTorch's `simclr_train_step_B256x2_28x28x1` (bench/torch-reference.py runs it in the same
// `pnpm bench`; bench-results/backends.json gets the ratio). wasm as selectBackend starts it with
// one thread (tfjs's default build in Node).
await selectBackend({ allow: ['wasm'], wasmThreads: 1 });

describe('simclr step, small CNN, 2×256 × 28×28×1 [wasm, 1 thread]', () => {
  const { fn, options } = stepBench('wasm', 256, 5);
  bench('Adam step (2×256) [wasm, 1 thread]', fn, options);
});

// cpu is ~400× slower than wasm here (a 2×16 step took 105 s), so cpu is measured on 2×8, 1/32 of
// the batch; its time scales about linearly with the batch.
describe('simclr step, small CNN, 2×8 × 28×28×1 [cpu]', () => {
  const { fn, options } = stepBench('cpu', 8, 1);
  bench('Adam step (2×8) [cpu]', fn, options);
});
