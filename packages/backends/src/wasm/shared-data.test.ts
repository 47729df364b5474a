import * as tf from '@tensorflow/tfjs-core';
import { describeWithBackends } from '@tessera/test-utils';
import { expect, it } from 'vitest';
import { registerWasmTrainingKernels } from './register-wasm-training-kernels';

describeWithBackends(
  'Identity and same-dtype Cast on wasm share the buffer',
  () => {
    it('clone and cast keep their values after the source is disposed, and free the memory with the last one', () => {
      registerWasmTrainingKernels();
      const buffers = tf.memory().numDataBuffers;
      const x = tf.tensor2d([1.5, -2, 3, 4.25], [2, 2]);
      const c = tf.clone(x);
      const f = tf.cast(x, 'float32');
      expect(tf.memory().numDataBuffers).toBe(buffers + 1); // one buffer for the three tensors
      x.dispose();
      expect(Array.from(c.dataSync())).toEqual([1.5, -2, 3, 4.25]);
      c.dispose();
      expect(Array.from(f.dataSync())).toEqual([1.5, -2, 3, 4.25]);
      expect(f.shape).toEqual([2, 2]);
      f.dispose();
      expect(tf.memory().numDataBuffers).toBe(buffers);
    });

    it('casts that change the dtype still convert (the shipped kernel)', () => {
      registerWasmTrainingKernels();
      const x = tf.tensor1d([1.7, -2.2, 0, 3]);
      const i = tf.cast(x, 'int32');
      const back = tf.cast(i, 'float32');
      expect(i.dtype).toBe('int32');
      expect(Array.from(i.dataSync())).toEqual([1, -2, 0, 3]);
      expect(back.dtype).toBe('float32');
      expect(Array.from(back.dataSync())).toEqual([1, -2, 0, 3]);
      expect(back.dataId).not.toBe(i.dataId);
      tf.dispose([x, i, back]);
    });

    it('a variable assigned a clone survives the source, and its gradient step is unchanged', () => {
      registerWasmTrainingKernels();
      const before = tf.memory().numTensors;
      const v = tf.tidy(() => tf.variable(tf.zeros([3])));
      const src = tf.tensor1d([1, 2, 3]);
      const copy = tf.clone(src);
      v.assign(copy);
      tf.dispose([src, copy]);
      const g = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.relu(a), a)))(v);
      expect(Array.from(v.dataSync())).toEqual([1, 2, 3]);
      expect(Array.from(g.dataSync())).toEqual([2, 4, 6]);
      tf.dispose([v, g]);
      expect(tf.memory().numTensors).toBe(before);
    });
  },
  { backends: ['wasm'] },
);
