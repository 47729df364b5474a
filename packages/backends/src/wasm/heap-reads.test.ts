import * as tf from '@tensorflow/tfjs-core';
import { describeWithBackends } from '@tessera/test-utils';
import { expect, it } from 'vitest';
import { registerWasmTrainingKernels } from './register-wasm-training-kernels';

// Reads of wasm tensors (heap-reads.ts: one copy from a heap view) give the values written, for
// float32, int32 and bool, whole and in element ranges, as fresh arrays the tensor does not share.
describeWithBackends(
  'reads on wasm',
  () => {
    it('return the written values for float32, int32 and bool', async () => {
      registerWasmTrainingKernels();
      await tf.setBackend('wasm');
      const f = Float32Array.from({ length: 1031 }, (_, i) => Math.sin(i) * 1e3);
      const n = Int32Array.from({ length: 77 }, (_, i) => (i * 2654435761) | 0);
      const b = Uint8Array.from({ length: 13 }, (_, i) => (i % 3 === 0 ? 1 : 0));
      const [tf32, ti32, tb] = [
        tf.tensor(f),
        tf.tensor(n, [7, 11], 'int32'),
        tf.tensor(b, [13], 'bool'),
      ];
      const computed = tf.add(tf32, 1);
      // the backend reads through Tessera's method, not the prototype's
      expect(Object.hasOwn(tf.backend(), 'readSync')).toBe(true);
      expect(tf32.dataSync()).toEqual(f);
      expect(await ti32.data()).toEqual(n);
      expect(tb.dataSync()).toEqual(b);
      expect(Array.from(await computed.data())).toEqual(Array.from(f, (v) => Math.fround(v + 1)));
      tf.dispose([tf32, ti32, tb, computed]);
    });

    it('read element ranges and return copies the tensor does not share', async () => {
      registerWasmTrainingKernels();
      await tf.setBackend('wasm');
      const x = tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]);
      const backend = tf.backend() as unknown as {
        readSync(id: object, start?: number, end?: number): Float32Array;
      };
      expect(Array.from(backend.readSync(x.dataId, 2, 5))).toEqual([3, 4, 5]);
      expect(Array.from(backend.readSync(x.dataId, 4))).toEqual([5, 6]);
      const copy = x.dataSync();
      copy[0] = 99;
      expect(Array.from(x.dataSync())).toEqual([1, 2, 3, 4, 5, 6]);
      const empty = tf.zeros([0, 3]);
      expect(empty.dataSync()).toEqual(new Float32Array(0));
      tf.dispose([x, empty]);
    });

    it('a string tensor still reads through the shipped method', async () => {
      registerWasmTrainingKernels();
      await tf.setBackend('wasm');
      const s = tf.tensor(['a', 'bc']);
      expect(await s.data()).toEqual(['a', 'bc']);
      s.dispose();
    });
  },
  { backends: ['wasm'] },
);
