import * as tf from '@tensorflow/tfjs-core';
import { describeWithBackends, expectNoLeak } from '@tessera/test-utils';
import { expect, it } from 'vitest';
import { onCpuAndWasm, randomTensor } from './kernel-test-helpers';
import { registerWasmTrainingKernels } from './register-wasm-training-kernels';

// Slice and SplitV on wasm (slice.ts: heap-view copies) against cpu's kernels, float32 and int32:
// every rank to 4, blocks cut on any axis (short and long runs), whole and empty blocks, splits
// on the first, a middle and the last axis, even and uneven.
describeWithBackends(
  'Slice and SplitV on wasm',
  () => {
    it.each([
      { name: 'a vector', shape: [37], begin: [5], size: [20] },
      { name: 'rows of a matrix (one run)', shape: [512, 128], begin: [256, 0], size: [256, -1] },
      { name: 'columns of a matrix (short runs)', shape: [9, 7], begin: [2, 3], size: [5, 2] },
      {
        name: 'a 3-D block cut on the middle axis',
        shape: [4, 6, 5],
        begin: [1, 2, 0],
        size: [2, 3, 5],
      },
      {
        name: 'a 4-D block cut on every axis',
        shape: [3, 8, 8, 20],
        begin: [1, 2, 3, 4],
        size: [2, 5, 4, 16],
      },
      { name: 'the whole tensor', shape: [3, 4, 5], begin: [0, 0, 0], size: [3, 4, 5] },
      { name: 'an empty block', shape: [6, 4], begin: [2, 0], size: [0, 4] },
    ])('Slice matches cpu: $name', async ({ shape, begin, size }) => {
      registerWasmTrainingKernels();
      const run = async () => {
        const x = randomTensor(shape, 4);
        const xi = tf.cast(tf.mul(x, 1000), 'int32');
        const [a, b] = [tf.slice(x, begin, size), tf.slice(xi, begin, size)];
        const out = {
          shape: a.shape,
          float: Array.from(await a.data()),
          int: Array.from(await b.data()),
        };
        tf.dispose([x, xi, a, b]);
        return out;
      };
      const { cpu, wasm } = await onCpuAndWasm(run);
      expect(wasm).toEqual(cpu);
    });

    it.each([
      { name: 'halves of the rows', shape: [512, 128], splits: 2, axis: 0 },
      { name: 'uneven parts of a middle axis', shape: [3, 10, 4], splits: [2, 5, 3], axis: 1 },
      { name: 'the last axis, one empty part', shape: [4, 6], splits: [0, 4, 2], axis: -1 },
    ])('SplitV matches cpu: $name', async ({ shape, splits, axis }) => {
      registerWasmTrainingKernels();
      const run = async () => {
        const x = randomTensor(shape, 5);
        const xi = tf.cast(tf.mul(x, 1000), 'int32');
        const parts = [...tf.split(x, splits, axis), ...tf.split(xi, splits, axis)];
        const out = await Promise.all(
          parts.map(async (p) => [p.shape, Array.from(await p.data())]),
        );
        tf.dispose([x, xi, ...parts]);
        return out;
      };
      const { cpu, wasm } = await onCpuAndWasm(run);
      expect(wasm).toEqual(cpu);
    });

    it("keeps concat's gradient and leaks nothing", async () => {
      registerWasmTrainingKernels();
      const run = async () => {
        const [a, b] = [randomTensor([3, 4], 6), randomTensor([5, 4], 7)];
        const g = tf.grads((p: tf.Tensor, q: tf.Tensor) =>
          tf.sum(tf.mul(tf.concat([p, q]), tf.reshape(tf.range(0, 32), [8, 4]))),
        )([a, b]);
        const out = await Promise.all(g.map((t) => t.data()));
        tf.dispose([a, b, ...g]);
        return out.map((d) => Array.from(d));
      };
      const { cpu, wasm } = await onCpuAndWasm(run);
      expect(wasm).toEqual(cpu);
      await tf.setBackend('wasm');
      const x = randomTensor([8, 4], 1);
      await expectNoLeak(() => {
        tf.dispose([tf.slice(x, [1, 1], [3, 2]), ...tf.split(x, 2)]);
      });
      x.dispose();
    });
  },
  { backends: ['wasm'] },
);
