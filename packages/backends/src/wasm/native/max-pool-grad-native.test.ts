// The native MaxPoolGrad (native/max-pool-grad.c) against the JavaScript loop it replaces (to the
// bit: same rule, same order) and against cpu, ties, NaN and −∞ windows included. Runs here
// single-threaded and from node-threads.test.ts on two.
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { describe, expect, it, vi } from 'vitest';
import { randomTensor, useNativeKernels } from '../kernel-test-helpers';
import { setNativeKernelsEnabled } from './native-kernels';

const CASES = [
  { name: '2×2/2 valid, 8 channels', shape: [9, 8, 10, 8], size: 2, stride: 2, pad: 'valid' },
  {
    name: '2×2/2 same, odd sizes, 6 channels',
    shape: [3, 7, 9, 6],
    size: 2,
    stride: 2,
    pad: 'same',
  },
  { name: '3×3/2 overlapping, 5 channels', shape: [2, 9, 9, 5], size: 3, stride: 2, pad: 'valid' },
  {
    name: '3×3/3 same, top padding, 1 channel',
    shape: [2, 8, 8, 1],
    size: 3,
    stride: 3,
    pad: 'same',
  },
] as const;

describe('native MaxPoolGrad on wasm', () => {
  const native = useNativeKernels();

  it.each(CASES)(
    'matches the JavaScript loop to the bit, and cpu: $name',
    async ({ shape, size, stride, pad }) => {
      const raw = randomTensor([...shape], 41);
      // integers in [-3, 3] (ties in most windows), a NaN and a −∞ window's worth of values
      const values = (await tf.round(tf.mul(raw, 1.5)).data()).slice();
      const c = shape[3];
      for (let k = 0; k < c; k++) values[k] = NaN; // image 0, pixel (0, 0)
      for (let k = 0; k < c; k++) values[c + k] = k % 2 ? -Infinity : NaN; // pixel (0, 1)
      const x = tf.tensor4d(values, [...shape]);
      const r = randomTensor(
        tf.tidy(() => tf.maxPool(x, size, stride, pad).shape),
        42,
      );
      const grad = async () => {
        const g = tf.grad((a: tf.Tensor) =>
          tf.sum(tf.mul(tf.maxPool(a as tf.Tensor4D, size, stride, pad), r)),
        )(x);
        const v = await g.data();
        g.dispose();
        return v;
      };
      const run = vi.spyOn(native().pool, 'run');
      // leave non-zero values where dx will be allocated: the kernel must zero it itself
      tf.fill([...shape], 7).dispose();
      const ours = await grad();
      expect(run).toHaveBeenCalledTimes(1);
      setNativeKernelsEnabled(false);
      const loop = await grad();
      expect(run).toHaveBeenCalledTimes(1);
      expect(Buffer.from(ours.buffer).equals(Buffer.from(loop.buffer))).toBe(true);
      await tf.setBackend('cpu');
      const cpu = await grad();
      await tf.setBackend('wasm');
      ours.forEach((v, i) =>
        expect(Math.abs(v - cpu[i]!)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(cpu[i]!))),
      );
      tf.dispose([raw, x, r]);
    },
  );
});
