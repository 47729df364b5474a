import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { registerWasmTrainingKernels } from '@tessera/backends';
import { TESSERA_KERNELS } from '@tessera/core';
import { describeWithBackends, expectNoLeak } from '@tessera/test-utils';
import { expect, it } from 'vitest';
import { bits, outputAndGrad } from './layer-test-helpers';
import { reLU } from './relu';

// On wasm the layer's gradient runs TesseraReluGrad, which @tessera/backends registers there;
// on cpu, which has none, TF.js's own.
registerWasmTrainingKernels();

describeWithBackends('reLU (gradient by TesseraReluGrad where registered)', ({ backend }) => {
  it(`equals tfjs-layers' ReLU to the bit — output and gradient; runs the kernel only where registered [${backend}]`, async () => {
    for (const seed of [1, 2]) {
      const x = tf.randomNormal([3, 5, 7, 6], 0, 1, 'float32', seed);
      const r = tf.randomNormal([3, 5, 7, 6], 0, 1, 'float32', seed + 10);
      const stock = outputAndGrad(tfl.layers.reLU(), x, r);
      const ours = outputAndGrad(reLU(), x, r);
      expect(ours.ran.has(TESSERA_KERNELS.reluGrad)).toBe(backend === 'wasm');
      expect(stock.ran.has(TESSERA_KERNELS.reluGrad)).toBe(false);
      expect((await bits(ours.y)).equals(await bits(stock.y))).toBe(true);
      expect((await bits(ours.grad)).equals(await bits(stock.grad))).toBe(true);
      expect((await bits(ours.value)).equals(await bits(stock.value))).toBe(true);
      tf.dispose([x, r, stock.y, stock.value, stock.grad, ours.y, ours.value, ours.grad]);
    }
  });

  it(`leaves a maxValue and non-float32 inputs to the stock layer [${backend}]`, async () => {
    const x = tf.tensor2d([[-2, 0.5, 3, 9]]);
    const r = tf.ones([1, 4]);
    const capped = outputAndGrad(reLU({ maxValue: 2 }), x, r);
    expect(capped.ran.has(TESSERA_KERNELS.reluGrad)).toBe(false);
    expect(Array.from(await capped.y.data())).toEqual([0, 0.5, 2, 2]);
    const ints = reLU().apply(tf.tensor1d([-1, 2], 'int32')) as tf.Tensor;
    expect(ints.dtype).toBe('int32');
    expect(Array.from(await ints.data())).toEqual([0, 2]);
    tf.dispose([x, r, capped.y, capped.value, capped.grad, ints]);
  });

  it(`trains without leaking and keeps the stock class and config [${backend}]`, async () => {
    const layer = reLU({ name: 'relu_kernel' });
    expect(layer.getClassName()).toBe('ReLU');
    expect(layer.getConfig()).toMatchObject({ name: 'relu_kernel' });
    const w = tf.variable(tf.randomNormal([4, 3], 0, 1, 'float32', 3));
    const x = tf.randomNormal([8, 4], 0, 1, 'float32', 4);
    const opt = tf.train.sgd(0.1);
    const step = () =>
      tf.tidy(() => {
        opt.minimize(
          () => tf.sum(tf.square(layer.apply(tf.matMul(x, w)) as tf.Tensor)) as tf.Scalar,
        );
      });
    step();
    await expectNoLeak(step);
    tf.dispose([x, w]);
    opt.dispose();
  });
});
