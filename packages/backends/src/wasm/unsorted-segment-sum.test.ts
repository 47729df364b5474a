import * as tf from '@tensorflow/tfjs-core';
import { describeWithBackends, expectNoLeak } from '@tessera/test-utils';
import { expect, it } from 'vitest';
import { onCpuAndWasm, randomTensor } from './kernel-test-helpers';
import { registerWasmTrainingKernels } from './register-wasm-training-kernels';

// UnsortedSegmentSum on wasm (unsorted-segment-sum.ts: rows added on the heap) against cpu's
// kernel: repeated, missing and out-of-range ids, rows of any shape, int32 data (kept int32, as
// TF does), more segments than rows, no rows.
describeWithBackends(
  'UnsortedSegmentSum on wasm',
  () => {
    it.each([
      { name: 'rows of 4, repeats and gaps', shape: [6, 4], ids: [0, 2, 2, 5, 0, 0], segments: 7 },
      { name: 'ids out of range are dropped', shape: [5, 3], ids: [-1, 1, 9, 1, 3], segments: 4 },
      {
        name: 'rows of [2, 3], more segments than rows',
        shape: [3, 2, 3],
        ids: [7, 0, 7],
        segments: 40,
      },
      { name: 'scalars per row', shape: [8], ids: [1, 1, 0, 3, 3, 3, 2, 0], segments: 4 },
      { name: 'no rows', shape: [0, 5], ids: [], segments: 3 },
    ])('matches cpu: $name', async ({ shape, ids, segments }) => {
      registerWasmTrainingKernels();
      for (const dtype of ['float32', 'int32'] as const) {
        const run = async () => {
          const x = tf.tidy(() => tf.cast(tf.mul(randomTensor(shape, 3), 100), dtype));
          const s = tf.tensor1d(ids, 'int32');
          const out = tf.unsortedSegmentSum(x, s, segments);
          const result = {
            shape: out.shape,
            dtype: out.dtype,
            values: Array.from(await out.data()),
          };
          tf.dispose([x, s, out]);
          return result;
        };
        const { cpu, wasm } = await onCpuAndWasm(run);
        expect(wasm.shape).toEqual(cpu.shape);
        // TF's dtype (the data's); cpu's kernel gives float32 for int32 data, the same values
        expect(wasm.dtype).toBe(dtype);
        wasm.values.forEach((v, k) => expect(v).toBeCloseTo(cpu.values[k]!, 4));
      }
    });

    it('takes 1 024 rows of 128 in 64 segments (SupCon-sized) without the per-segment masks', async () => {
      registerWasmTrainingKernels();
      await tf.setBackend('wasm');
      const x = randomTensor([1024, 128], 1);
      const ids = tf.tensor1d(
        Int32Array.from({ length: 1024 }, (_, i) => i % 64),
        'int32',
      );
      const out = tf.unsortedSegmentSum(x, ids, 64);
      const want = tf.matMul(tf.oneHot(ids, 64), x, true, false);
      const [got, expected] = [await out.data(), await want.data()];
      for (let k = 0; k < expected.length; k++)
        expect(Math.abs(got[k]! - expected[k]!)).toBeLessThan(1e-4);
      await expectNoLeak(() => {
        tf.dispose(tf.unsortedSegmentSum(x, ids, 64));
      });
      tf.dispose([x, ids, out, want]);
    });
  },
  { backends: ['wasm'] },
);
