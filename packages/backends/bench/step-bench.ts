import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { simclrStepState } from './small-cnn';

/** One timed step; `threads` checks the wasm build the step runs on (1 = tfjs's default in Node). */
export function stepBench(backend: 'wasm' | 'cpu', batch: number, iterations: number, threads = 1) {
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
        if (backend === 'wasm' && getThreadsCount() !== threads)
          throw new Error(`expected wasm with ${threads} thread(s), got ${getThreadsCount()}`);
        state ??= simclrStepState(batch, [28, 28, 1]);
      },
      teardown: () => {
        state?.dispose();
        state = null;
      },
    },
  };
}
