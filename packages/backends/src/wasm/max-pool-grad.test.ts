import * as tf from '@tensorflow/tfjs-core';
import { describeWithBackends } from '@tessera/test-utils';
import { expect, it } from 'vitest';
import { onCpuAndWasm, randomTensor } from './kernel-test-helpers';
import { registerWasmTrainingKernels } from './register-wasm-training-kernels';

describeWithBackends(
  'MaxPoolGrad on wasm',
  () => {
    it.each([
      { name: '2×2/2 valid', shape: [3, 8, 10, 5], size: 2, stride: 2, pad: 'valid' },
      { name: '2×2/2 same, odd sizes', shape: [2, 7, 9, 3], size: 2, stride: 2, pad: 'same' },
      { name: '3×3/3 valid, cut edges', shape: [2, 10, 11, 4], size: 3, stride: 3, pad: 'valid' },
      {
        name: '3×3/2 overlapping (shipped)',
        shape: [2, 9, 9, 3],
        size: 3,
        stride: 2,
        pad: 'valid',
      },
      {
        name: '3×3/3 same, top padding (shipped)',
        shape: [1, 8, 8, 2],
        size: 3,
        stride: 3,
        pad: 'same',
      },
      {
        name: '2×2/2 after ReLU (ties at 0)',
        shape: [4, 6, 6, 8],
        size: 2,
        stride: 2,
        pad: 'valid',
        relu: true,
      },
    ] as const)(
      'max-pool gradient matches cpu: $name',
      async ({ shape, size, stride, pad, ...rest }) => {
        registerWasmTrainingKernels();
        const run = async () => {
          const raw = randomTensor([...shape], 31);
          // integers in [-3, 3] make ties in most windows; the argmax must be the first maximum
          const x = 'relu' in rest ? tf.relu(raw) : tf.round(tf.mul(raw, 1.5));
          const r = randomTensor(
            tf.tidy(() => tf.maxPool(x as tf.Tensor4D, size, stride, pad).shape),
            32,
          );
          const g = tf.grad((a: tf.Tensor) =>
            tf.sum(tf.mul(tf.maxPool(a as tf.Tensor4D, size, stride, pad), r)),
          )(x);
          const out = Array.from(await g.data());
          tf.dispose([raw, x, r, g]);
          return out;
        };
        const { cpu, wasm } = await onCpuAndWasm(run);
        // the same argmax everywhere; overlapping windows add several gradients to one pixel, and
        // cpu adds them in another order (float rounding only)
        wasm.forEach((v, i) =>
          expect(Math.abs(v - cpu[i]!)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(cpu[i]!))),
        );
        if (stride === size) expect(wasm).toEqual(cpu);
        expect(cpu.some((v) => v !== 0)).toBe(true);
      },
    );
  },
  { backends: ['wasm'] },
);
