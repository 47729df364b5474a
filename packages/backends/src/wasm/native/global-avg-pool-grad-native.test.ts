// TesseraGlobalAvgPoolGrad on wasm (native/global-avg-pool-grad.c, and the JavaScript loop it
// replaces until the native kernels are ready) against TF.js's own gradient of tf.mean(x, [1, 2])
// on cpu, to the bit: pixel counts that do not divide evenly, channel counts past the groups of
// four, infinities and NaN in dy. Runs here single-threaded and from node-threads.test.ts on two.
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { TESSERA_KERNELS } from '@tessera/core';
import { expectNoLeak } from '@tessera/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { randomTensor, useNativeKernels } from '../kernel-test-helpers';
import { KERNEL, setNativeKernelsEnabled } from './native-kernels';

const NAME = TESSERA_KERNELS.globalAvgPoolGrad;
const bits = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** TF.js's own gradient on cpu: of Σ dy ⊙ mean(x, [1, 2]) with respect to x. */
async function stockOnCpu(dy: Float32Array, shape: [number, number, number, number]) {
  await tf.setBackend('cpu');
  const x = tf.zeros(shape);
  const r = tf.tensor(dy, [shape[0], shape[3]]);
  // the gradient reaching mean is r·1 (exact)
  const g = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.mean(a, [1, 2]), r)))(x);
  const out = (await g.data()) as Float32Array;
  tf.dispose([x, r, g]);
  await tf.setBackend('wasm');
  return out;
}

async function ours(dy: Float32Array, shape: [number, number, number, number]) {
  const g = tf.tensor(dy, [shape[0], shape[3]]);
  const dx = tf.engine().runKernel(NAME, { dy: g }, { inputShape: shape }) as tf.Tensor;
  expect(dx.shape).toEqual(shape);
  const out = (await dx.data()) as Float32Array;
  tf.dispose([g, dx]);
  return out;
}

describe('TesseraGlobalAvgPoolGrad on wasm', () => {
  const native = useNativeKernels();

  it.each([
    { name: 'the small CNN’s last layer [16, 14, 14, 128]', shape: [16, 14, 14, 128] },
    { name: '7×9 pixels (63: inexact quotients), 6 channels', shape: [5, 7, 9, 6] },
    { name: 'one pixel, 3 channels', shape: [3, 1, 1, 3] },
    { name: 'one image, 5×3, 13 channels', shape: [1, 5, 3, 13] },
  ] as const)(
    'equals TF.js’s gradient of mean over H, W to the bit, native and JavaScript: $name',
    async ({ shape }) => {
      const s = [...shape] as [number, number, number, number];
      const dy = (await randomTensor([s[0], s[3]], 9).data()).slice() as Float32Array;
      [NaN, Infinity, -Infinity, -0, 1e-38, 3e38].forEach((v, i) => {
        if (i < dy.length) dy[i] = v;
      });
      const expected = await stockOnCpu(dy, s);
      const run = vi.spyOn(native().pool, 'run');
      const nativeOut = await ours(dy, s);
      expect(run.mock.calls.map((c) => c[0])).toEqual([KERNEL.globalAvgPoolGradPart]);
      setNativeKernelsEnabled(false);
      const loopOut = await ours(dy, s);
      expect(run).toHaveBeenCalledTimes(1);
      expect(bits(nativeOut).equals(bits(expected))).toBe(true);
      expect(bits(loopOut).equals(bits(expected))).toBe(true);
    },
  );

  it('handles an empty batch and leaks nothing', async () => {
    const empty = tf.zeros([0, 4]);
    const dx = tf.engine().runKernel(NAME, { dy: empty }, { inputShape: [0, 3, 3, 4] });
    expect((dx as tf.Tensor).shape).toEqual([0, 3, 3, 4]);
    tf.dispose([empty, dx as tf.Tensor]);
    const dy = randomTensor([8, 16], 1);
    await expectNoLeak(() => {
      tf.dispose(tf.engine().runKernel(NAME, { dy }, { inputShape: [8, 5, 5, 16] }) as tf.Tensor);
    });
    dy.dispose();
  });

  it('rejects a dy that does not fit inputShape, a bad inputShape, other dtypes', () => {
    const dy = tf.zeros([2, 3]);
    const int = tf.zeros([2, 3], 'int32');
    const run = (inputs: Record<string, tf.Tensor>, inputShape: unknown) =>
      tf.engine().runKernel(NAME, inputs, { inputShape } as never);
    expect(() => run({ dy }, [2, 4, 4, 5])).toThrow(/dy must be \[2, 5\] for inputShape/);
    expect(() => run({ dy }, [2, 4, 3])).toThrow(/inputShape must be \[N, H, W, C\], got 2,4,3/);
    expect(() => run({ dy }, undefined)).toThrow(/inputShape must be \[N, H, W, C\]/);
    expect(() => run({ dy: int }, [2, 4, 4, 3])).toThrow(/input dy must be float32, got int32/);
    expect(() => run({}, [2, 4, 4, 3])).toThrow(/input dy is missing/);
    tf.dispose([dy, int]);
  });
});
