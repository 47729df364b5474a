import '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { bench, describe } from 'vitest';
import { availableParallelism } from 'node:os';
import { registerWasmTrainingKernels } from '../src/index.node';
import { enableNodeWasmThreads } from '../src/wasm/node-threads';
import { stepBench } from './step-bench';

// The same step on wasm's threaded SIMD build, one XNNPACK thread per core (at most 8), as
// selectBackend starts it in Node. Its own file: the wasm build is chosen once per process.
const threads = Math.min(availableParallelism(), 8);
registerWasmTrainingKernels();
enableNodeWasmThreads(threads);

describe(`simclr step, small CNN, 2×256 × 28×28×1 [wasm, ${threads} threads]`, () => {
  const { fn, options } = stepBench('wasm', 256, 5, threads);
  bench(`Adam step (2×256) [wasm, ${threads} threads]`, fn, options);
});
