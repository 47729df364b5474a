import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { registerWasmTrainingKernels } from '@tessera/backends';
import {
  describeWithBackends,
  expectNoLeak,
  expectTensorClose,
  loadGolden,
  testEpsilon,
} from '@tessera/test-utils';
import { describe, expect, it } from 'vitest';
import { gridAveragePooling2d } from './grid-average-pooling';
import { gridMaxPooling2d } from './grid-max-pooling';
import { adaptiveWindows, type GridPooling2D } from './grid-pooling';

registerWasmTrainingKernels();

const POOLINGS = [
  {
    name: 'gridAveragePooling2d',
    torch: 'adaptive_avg_pool2d',
    golden: 'grid_pool',
    className: 'TesseraGridAveragePooling2D',
    make: gridAveragePooling2d,
  },
  {
    name: 'gridMaxPooling2d',
    torch: 'adaptive_max_pool2d',
    golden: 'grid_max_pool',
    className: 'TesseraGridMaxPooling2D',
    make: gridMaxPooling2d,
  },
] as const;

for (const pooling of POOLINGS) {
  describeWithBackends(`${pooling.name} (${pooling.torch} cells)`, ({ backend }) => {
    it(`values and gradient vs PyTorch's ${pooling.torch} (golden ${pooling.golden}) [${backend}]`, () => {
      for (const c of loadGolden(pooling.golden).cases) {
        const x = tf.tensor(c.inputs.x as number[][][][]) as tf.Tensor4D;
        const r = tf.tensor(c.inputs.r as number[][]);
        const layer = pooling.make({ grid: (c.params as { grid: number }).grid });
        const f = (a: tf.Tensor) => tf.sum(tf.mul(layer.apply(a) as tf.Tensor, r));
        const y = layer.apply(x) as tf.Tensor;
        const dx = tf.grad(f)(x);
        expectTensorClose(y, c.expected as number[][], { atol: testEpsilon() });
        expectTensorClose(dx, (c.grad as { x: number[][][][] }).x, { atol: testEpsilon() });
        tf.dispose([x, r, y, dx]);
      }
    });

    it(`shape: [N, g·g·C] in a model, symbolic shape included [${backend}]`, () => {
      const input = tfl.input({ shape: [7, 7, 5] });
      const out = pooling.make({ grid: 3 }).apply(input) as tfl.SymbolicTensor;
      expect(out.shape).toEqual([null, 45]);
      const model = tfl.model({ inputs: input, outputs: out });
      const y = model.predict(tf.ones([2, 7, 7, 5])) as tf.Tensor;
      expect(y.shape).toEqual([2, 45]);
      expectTensorClose(y, tf.ones([2, 45]), { atol: 1e-6 });
      tf.dispose(y);
      model.dispose();
    });

    it(`does not leak tensors, on every path (cells that divide the map, overlap evenly, overlap unevenly) [${backend}]`, async () => {
      for (const [shape, grid] of [
        [[2, 6, 6, 3], 2],
        [[2, 7, 7, 3], 2],
        [[2, 5, 6, 3], 3],
      ] as const) {
        const layer = pooling.make({ grid });
        const x = tf.randomNormal([...shape]);
        (layer.apply(x) as tf.Tensor).dispose(); // builds the layer
        await expectNoLeak(() => {
          tf.grad((a: tf.Tensor) => tf.sum(layer.apply(a) as tf.Tensor))(x).dispose();
          (layer.apply(x) as tf.Tensor).dispose();
        });
        x.dispose();
      }
    });
  });

  describe(pooling.name, () => {
    it('serialises: a model with the layer round-trips through its JSON config', async () => {
      const input = tfl.input({ shape: [4, 4, 2] });
      const model = tfl.model({
        inputs: input,
        outputs: pooling.make({ grid: 2 }).apply(input) as tfl.SymbolicTensor,
      });
      const m = await tfl.models.modelFromJSON({
        modelTopology: model.toJSON(null, false),
      } as never);
      const layer = m.layers.at(-1) as GridPooling2D;
      expect(layer.getClassName()).toBe(pooling.className);
      expect(layer.grid).toBe(2);
      model.dispose();
      m.dispose();
    });

    it('throws: grid must be a positive integer', () => {
      expect(() => pooling.make({ grid: 0 })).toThrow(/grid must be/);
    });
  });
}

it('windows are adaptive_avg_pool2d’s: ⌊i·H/g⌋ … ⌈(i+1)·H/g⌉', () => {
  expect(adaptiveWindows(7, 2)).toEqual([
    [0, 4],
    [3, 7],
  ]);
  expect(adaptiveWindows(14, 3)).toEqual([
    [0, 5],
    [4, 10],
    [9, 14],
  ]);
});
