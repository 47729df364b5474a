import '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { bench, describe } from 'vitest';
import { availableParallelism } from 'node:os';
import { selectBackend } from '../src/index.node';
import { stepBench } from './step-bench';

// The same step on wasm's threaded SIMD build, one XNNPACK thread per core (at most 8), started by
// selectBackend as users get it (the native kernels on as many threads). Its own
// file: the wasm build is chosen once per process.
const threads = Math.min(availableParallelism(), 8);
await selectBackend({ allow: ['wasm'], wasmThreads: threads });

describe(`simclr step, small CNN, 2×256 × 28×28×1 [wasm, ${threads} threads]`, () => {
  const { fn, options } = stepBench('wasm', 256, 5, threads);
  bench(`Adam step (2×256) [wasm, ${threads} threads]`, fn, options);
});
