import * as tf from '@tensorflow/tfjs-core';
import { describeWithBackends, expectNoLeak } from '@tessera/test-utils';
import { expect, it } from 'vitest';
import { onCpuAndWasm, randomTensor } from './kernel-test-helpers';
import { registerWasmTrainingKernels } from './register-wasm-training-kernels';

// GatherV2 on wasm (gather.ts: slice copies) against cpu's kernel: every axis, indices of any
// rank with repeats, short and long slices, int32 data, none gathered, batchDims (which the
// shipped kernel gets wrong); out-of-range indices throw as the shipped kernel does.
describeWithBackends(
  'GatherV2 on wasm',
  () => {
    it.each([
      { name: 'images, axis 0 (long slices)', shape: [9, 8, 8, 3], indices: [4, 0, 4, 8], axis: 0 },
      {
        name: 'axis 1 of a matrix (one element a slice)',
        shape: [5, 7],
        indices: [6, 0, 3],
        axis: 1,
      },
      {
        name: 'a middle axis (slices of 6)',
        shape: [3, 5, 2, 3],
        indices: [
          [1, 4],
          [0, 0],
        ],
        axis: 1,
      },
      {
        name: 'the last axis, 2-D indices',
        shape: [4, 3, 10],
        indices: [
          [9, 1],
          [2, 2],
        ],
        axis: -1,
      },
      { name: 'nothing gathered', shape: [6, 4], indices: [], axis: 0 },
      {
        name: 'batchDims 1',
        shape: [2, 3, 4],
        indices: [
          [2, 0],
          [1, 1],
        ],
        axis: 1,
        batchDims: 1,
      },
      {
        name: 'batchDims 1, axis 2',
        shape: [2, 3, 4, 5],
        indices: [[3], [0]],
        axis: 2,
        batchDims: 1,
      },
    ])('matches cpu: $name', async ({ shape, indices, axis, batchDims = 0 }) => {
      registerWasmTrainingKernels();
      const run = async () => {
        const x = randomTensor(shape, 3);
        const xi = tf.cast(tf.mul(x, 1000), 'int32');
        const at = tf.tensor(indices as number[], undefined, 'int32');
        const [a, b] = [tf.gather(x, at, axis, batchDims), tf.gather(xi, at, axis, batchDims)];
        const out = {
          shape: a.shape,
          float: Array.from(await a.data()),
          int: Array.from(await b.data()),
        };
        tf.dispose([x, xi, at, a, b]);
        return out;
      };
      const { cpu, wasm } = await onCpuAndWasm(run);
      expect(wasm).toEqual(cpu);
    });

    it('throws on an index out of range, as the shipped kernel; leaks nothing', async () => {
      registerWasmTrainingKernels();
      await tf.setBackend('wasm');
      const x = randomTensor([4, 3], 1);
      expect(() => tf.gather(x, [0, 4])).toThrow('GatherV2: the index value 4 is not in [0, 3]');
      expect(() => tf.gather(x, [-1])).toThrow('GatherV2: the index value -1 is not in [0, 3]');
      await expectNoLeak(() => {
        tf.gather(x, [3, 1, 3]).dispose();
      });
      x.dispose();
    });
  },
  { backends: ['wasm'] },
);
