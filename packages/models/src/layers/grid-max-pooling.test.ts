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
import { expect, it } from 'vitest';
import { gridMaxPooling2d, type GridMaxPooling2D } from './grid-max-pooling';

registerWasmTrainingKernels();

describeWithBackends('gridMaxPooling2d (adaptive_max_pool2d cells)', ({ backend }) => {
  it(`values and gradient vs PyTorch's adaptive_max_pool2d (golden grid_max_pool) [${backend}]`, () => {
    for (const c of loadGolden('grid_max_pool').cases) {
      const x = tf.tensor(c.inputs.x as number[][][][]) as tf.Tensor4D;
      const r = tf.tensor(c.inputs.r as number[][]);
      const layer = gridMaxPooling2d({ grid: (c.params as { grid: number }).grid });
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
    const out = gridMaxPooling2d({ grid: 3 }).apply(input) as tfl.SymbolicTensor;
    expect(out.shape).toEqual([null, 45]);
    const model = tfl.model({ inputs: input, outputs: out });
    const y = model.predict(tf.ones([2, 7, 7, 5])) as tf.Tensor;
    expect(y.shape).toEqual([2, 45]);
    expectTensorClose(y, tf.ones([2, 45]), { atol: 1e-6 });
    tf.dispose(y);
    model.dispose();
  });

  it(`does not leak tensors, on both paths (even windows, uneven windows) [${backend}]`, async () => {
    for (const [shape, grid] of [
      [[2, 7, 7, 3], 2],
      [[2, 5, 6, 3], 3],
    ] as const) {
      const layer = gridMaxPooling2d({ grid });
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

it('serialises: a model with the layer round-trips through its JSON config', () => {
  const input = tfl.input({ shape: [4, 4, 2] });
  const model = tfl.model({
    inputs: input,
    outputs: gridMaxPooling2d({ grid: 2 }).apply(input) as tfl.SymbolicTensor,
  });
  const copy = tfl.models.modelFromJSON({ modelTopology: model.toJSON(null, false) } as never);
  return copy.then((m) => {
    const layer = m.layers[1] as GridMaxPooling2D;
    expect(layer.getClassName()).toBe('TesseraGridMaxPooling2D');
    expect(layer.grid).toBe(2);
    m.dispose();
    model.dispose();
  });
});

it('rejects a grid that is not a positive integer', () => {
  expect(() => gridMaxPooling2d({ grid: 0 })).toThrow(/grid/);
});
