import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { registerWasmTrainingKernels } from '@tessera/backends';
import { TESSERA_KERNELS } from '@tessera/core';
import { describeWithBackends, expectNoLeak } from '@tessera/test-utils';
import { expect, it } from 'vitest';
import { bits, outputAndGrad } from './layer-test-helpers';
import { globalAveragePooling2d } from './global-average-pooling';

// On wasm the layer's gradient runs TesseraGlobalAvgPoolGrad, which @tessera/backends registers
// there; on cpu, which has none, TF.js's own gradient of tf.mean.
registerWasmTrainingKernels();

describeWithBackends(
  'globalAveragePooling2d (gradient by TesseraGlobalAvgPoolGrad where registered)',
  ({ backend }) => {
    it(`equals tfjs-layers' layer to the bit — output and gradient; runs the kernel only where registered [${backend}]`, async () => {
      for (const [n, h, w, c] of [
        [3, 7, 9, 6],
        [2, 14, 14, 16],
        [1, 1, 1, 5],
      ] as const) {
        const x = tf.randomNormal([n, h, w, c], 0, 1, 'float32', h);
        const r = tf.randomNormal([n, c], 0, 1, 'float32', h + 1);
        const stock = outputAndGrad(tfl.layers.globalAveragePooling2d({}), x, r);
        const ours = outputAndGrad(globalAveragePooling2d(), x, r);
        expect(ours.ran.has(TESSERA_KERNELS.globalAvgPoolGrad)).toBe(backend === 'wasm');
        expect(stock.ran.has(TESSERA_KERNELS.globalAvgPoolGrad)).toBe(false);
        expect(ours.y.shape).toEqual([n, c]);
        expect((await bits(ours.y)).equals(await bits(stock.y))).toBe(true);
        expect((await bits(ours.grad)).equals(await bits(stock.grad))).toBe(true);
        tf.dispose([x, r, stock.y, stock.value, stock.grad, ours.y, ours.value, ours.grad]);
      }
    });

    it(`leaves channels-first data to the stock layer [${backend}]`, async () => {
      const x = tf.randomNormal([2, 3, 4, 5], 0, 1, 'float32', 1);
      const r = tf.ones([2, 3]);
      const first = outputAndGrad(globalAveragePooling2d({ dataFormat: 'channelsFirst' }), x, r);
      expect(first.ran.has(TESSERA_KERNELS.globalAvgPoolGrad)).toBe(false);
      expect(first.y.shape).toEqual([2, 3]);
      tf.dispose([x, r, first.y, first.value, first.grad]);
    });

    it(`trains without leaking and keeps the stock class and config [${backend}]`, async () => {
      const layer = globalAveragePooling2d({ name: 'gap_kernel' });
      expect(layer.getClassName()).toBe('GlobalAveragePooling2D');
      expect(layer.getConfig()).toMatchObject({ name: 'gap_kernel', dataFormat: 'channelsLast' });
      const v = tf.variable(tf.randomNormal([4, 3, 3, 2], 0, 1, 'float32', 3));
      const opt = tf.train.sgd(0.1);
      const step = () =>
        tf.tidy(() => {
          opt.minimize(() => tf.sum(tf.square(layer.apply(v) as tf.Tensor)) as tf.Scalar);
        });
      step();
      await expectNoLeak(step);
      v.dispose();
      opt.dispose();
    });
  },
);
