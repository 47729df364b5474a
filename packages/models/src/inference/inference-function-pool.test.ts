import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { registerWasmTrainingKernels } from '@tessera/backends';
import { TESSERA_KERNELS } from '@tessera/core';
import { describeWithBackends, expectNoLeak, expectTensorClose } from '@tessera/test-utils';
import { expect, it, vi } from 'vitest';
import { convEncoder } from '../encoders/conv-encoder';
import { inferenceFunction } from './inference-function';

registerWasmTrainingKernels();

/** Runs a few training calls so that the batch norms hold non-trivial running statistics. */
function train(model: tfl.LayersModel, shape: number[]): tfl.LayersModel {
  for (let i = 0; i < 3; i++)
    tf.tidy(() => {
      model.apply(tf.randomNormal([6, ...shape], 0.5, 1, 'float32', i), { training: true });
    });
  return model;
}

/** conv (3×3, `padding`, `strides`) → batch norm → ReLU → `pool`, then global average pooling. */
function convThenPool(
  shape: number[],
  pool: tfl.layers.Layer,
  conv: { padding: 'same' | 'valid'; strides: number } = { padding: 'same', strides: 1 },
): tfl.LayersModel {
  const input = tfl.input({ shape });
  const c = tfl.layers.conv2d({ filters: 8, kernelSize: 3, ...conv }).apply(input);
  const r = tfl.layers.reLU().apply(tfl.layers.batchNormalization({}).apply(c));
  const p = pool.apply(r) as tfl.SymbolicTensor;
  const out = tfl.layers.globalAveragePooling2d({}).apply(p) as tfl.SymbolicTensor;
  return train(tfl.model({ inputs: input, outputs: out }), shape);
}

/** Checks the counts and that `predict` equals `model.predict`; returns the kernels it ran. */
function expectPredicts(
  model: tfl.LayersModel,
  shape: number[],
  counts: { fused: number; pooled: number },
): string[] {
  const fast = inferenceFunction(model);
  expect({ fused: fast.fused, pooled: fast.pooled }).toEqual(counts);
  const x = tf.randomUniform(shape, 0, 1, 'float32', 9);
  const want = model.predict(x) as tf.Tensor;
  const run = vi.spyOn(tf.engine(), 'runKernel');
  const got = fast.predict(x);
  const kernels = run.mock.calls.map((c) => c[0]);
  run.mockRestore();
  expectTensorClose(got, want, { atol: 1e-5, rtol: 1e-4 });
  tf.dispose([x, want, got]);
  fast.dispose();
  model.dispose();
  return kernels;
}

describeWithBackends('inferenceFunction (a max pool joins its convolution)', ({ backend }) => {
  const joined = backend === 'wasm' ? 2 : 0;

  it(`joins the 2×2 pools after folded convolutions, odd sides included [${backend}]`, () => {
    for (const side of [12, 13]) {
      const shape: [number, number, number] = [side, side, 1];
      const body = train(
        convEncoder({ inputShape: shape, filters: [8, 8, 8], downsample: [0, 1] }),
        shape,
      );
      const input = tfl.input({ shape });
      const scaled = tfl.layers.rescaling({ scale: 2, offset: -0.5 }).apply(input);
      const nested = tfl.model({
        inputs: input,
        outputs: body.apply(scaled) as tfl.SymbolicTensor,
      });
      const kernels = expectPredicts(nested, [5, ...shape], { fused: 3, pooled: 2 });
      // the kernel where the backend registers it (wasm), the convolution and tf.maxPool elsewhere
      expect(kernels.filter((k) => k === TESSERA_KERNELS.conv2dMaxPool)).toHaveLength(joined);
      expect(kernels.filter((k) => k === 'MaxPool')).toHaveLength(2 - joined);
    }
  });

  it(`leaves pools it does not take to their own layer [${backend}]`, () => {
    const shape = [10, 10, 2];
    const cases = [
      { pool: tfl.layers.maxPooling2d({ poolSize: 3 }) },
      { pool: tfl.layers.maxPooling2d({ poolSize: 2, strides: 1 }) },
      { pool: tfl.layers.maxPooling2d({ poolSize: 2, padding: 'same' }) },
      { pool: tfl.layers.averagePooling2d({ poolSize: 2 }) },
      { pool: tfl.layers.maxPooling2d({ poolSize: 2 }), conv: { padding: 'valid', strides: 1 } },
      { pool: tfl.layers.maxPooling2d({ poolSize: 2 }), conv: { padding: 'same', strides: 2 } },
    ] as const;
    for (const { pool, ...rest } of cases) {
      const conv = 'conv' in rest ? rest.conv : undefined;
      const kernels = expectPredicts(convThenPool(shape, pool, conv), [3, ...shape], {
        fused: 1,
        pooled: 0,
      });
      expect(kernels).not.toContain(TESSERA_KERNELS.conv2dMaxPool);
    }
  });

  it(`keeps a ReLU map that another branch reads, and pools it as itself [${backend}]`, () => {
    const input = tfl.input({ shape: [8, 8, 1] });
    const c = tfl.layers.conv2d({ filters: 8, kernelSize: 3, padding: 'same' }).apply(input);
    const r = tfl.layers.reLU().apply(tfl.layers.batchNormalization({}).apply(c));
    const gap = (t: tfl.SymbolicTensor | tfl.SymbolicTensor[] | tf.Tensor | tf.Tensor[]) =>
      tfl.layers.globalAveragePooling2d({}).apply(t) as tfl.SymbolicTensor;
    const pooled = tfl.layers.maxPooling2d({ poolSize: 2 }).apply(r);
    const model = tfl.model({
      inputs: input,
      outputs: tfl.layers.concatenate().apply([gap(pooled), gap(r)]) as tfl.SymbolicTensor,
    });
    train(model, [8, 8, 1]);
    expectPredicts(model, [3, 8, 8, 1], { fused: 1, pooled: 0 });
  });

  it(`takes integer pixels into a joined pool [${backend}]`, () => {
    const model = train(
      convEncoder({ inputShape: [8, 8, 1], filters: [4, 4], downsample: [0] }),
      [8, 8, 1],
    );
    const fast = inferenceFunction(model);
    const x = tf.tidy(() => tf.cast(tf.randomUniform([3, 8, 8, 1], 0, 255, 'float32', 5), 'int32'));
    const want = tf.tidy(() => model.predict(tf.cast(x, 'float32')) as tf.Tensor);
    const got = fast.predict(x);
    expect(fast.pooled).toBe(1);
    expectTensorClose(got, want, { atol: 1e-4, rtol: 1e-4 });
    tf.dispose([x, want, got]);
    fast.dispose();
    model.dispose();
  });

  it(`does not leak tensors with joined pools [${backend}]`, async () => {
    const model = train(
      convEncoder({ inputShape: [8, 8, 1], filters: [4, 4], downsample: [0] }),
      [8, 8, 1],
    );
    const x = tf.randomUniform([2, 8, 8, 1]);
    await expectNoLeak(() => {
      const fast = inferenceFunction(model);
      expect(fast.pooled).toBe(1);
      fast.predict(x).dispose();
      fast.predict(x).dispose();
      fast.dispose();
    });
    x.dispose();
    model.dispose();
  });
});
