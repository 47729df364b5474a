import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { registerWasmTrainingKernels } from '@tessera/backends';
import { describeWithBackends, expectNoLeak, expectTensorClose } from '@tessera/test-utils';
import { expect, it } from 'vitest';
import { convEncoder } from '../encoders/conv-encoder';
import { inferenceFunction } from './inference-function';

registerWasmTrainingKernels();

/** A convEncoder whose batch norms hold non-trivial running statistics (a few training calls). */
function trained(options: Parameters<typeof convEncoder>[0]): tfl.LayersModel {
  const enc = convEncoder(options);
  for (let i = 0; i < 3; i++)
    tf.tidy(() => {
      enc.apply(tf.randomNormal([6, ...options.inputShape], 0.5, 1, 'float32', i), {
        training: true,
      });
    });
  return enc;
}

/**
 * Checks that `inferenceFunction(model)` folds `fused` runs and predicts what `model.predict` does
 * on uniform images of `shape`; disposes the model.
 */
function expectFoldedPredicts(model: tfl.LayersModel, shape: number[], fused: number): void {
  const fast = inferenceFunction(model);
  expect(fast.fused).toBe(fused);
  const x = tf.randomUniform(shape, 0, 1, 'float32', 9);
  const [want, got] = [model.predict(x) as tf.Tensor, fast.predict(x)];
  expectTensorClose(got, want, { atol: 1e-5, rtol: 1e-4 });
  tf.dispose([x, want, got]);
  fast.dispose();
  model.dispose();
}

describeWithBackends('inferenceFunction (batch norm folded into convolutions)', ({ backend }) => {
  it(`equals model.predict on convEncoder variants, nested models included [${backend}]`, () => {
    for (const options of [
      { inputShape: [12, 12, 1], filters: [4, 8, 8], batchNormMomentum: 0.5 },
      { inputShape: [12, 12, 3], filters: [4, 8], downsample: [0], grid: 2, embeddingDim: 5 },
      { inputShape: [9, 9, 2], filters: [4], batchNorm: false },
    ] as const) {
      const body = trained({ ...options });
      const input = tfl.input({ shape: [...options.inputShape] });
      const scaled = tfl.layers.rescaling({ scale: 2, offset: -0.5 }).apply(input);
      const nested = tfl.model({
        inputs: input,
        outputs: body.apply(scaled) as tfl.SymbolicTensor,
      });
      for (const model of [body, nested]) {
        const fast = inferenceFunction(model);
        const convs = 'batchNorm' in options ? 0 : options.filters.length;
        expect(fast.fused).toBe(convs);
        const x = tf.randomUniform([5, ...options.inputShape], 0, 1, 'float32', 7);
        const want = model.predict(x) as tf.Tensor;
        const got = fast.predict(x);
        expectTensorClose(got, want, { atol: 1e-5, rtol: 1e-4 });
        tf.dispose([x, want, got]);
        fast.dispose();
      }
      nested.dispose();
    }
  });

  it(`follows branches, folding only runs whose maps nothing else reads [${backend}]`, () => {
    // conv→bn→relu, whose ReLU map two branches read: one more conv→bn→relu, and a second conv
    // straight off the first batch norm's map (so that run keeps its ReLU unfolded)
    const input = tfl.input({ shape: [8, 8, 2] });
    const conv = (filters: number) =>
      tfl.layers.conv2d({ filters, kernelSize: 3, padding: 'same', useBias: false });
    const bn = () => tfl.layers.batchNormalization({ axis: -1 });
    const stem = tfl.layers.reLU().apply(bn().apply(conv(3).apply(input))) as tfl.SymbolicTensor;
    const c1 = conv(4).apply(stem) as tfl.SymbolicTensor;
    const n1 = bn().apply(c1) as tfl.SymbolicTensor;
    const r1 = tfl.layers.reLU().apply(n1) as tfl.SymbolicTensor;
    const left = tfl.layers.reLU().apply(bn().apply(conv(5).apply(r1))) as tfl.SymbolicTensor;
    const right = conv(2).apply(n1) as tfl.SymbolicTensor;
    const pool = (t: tfl.SymbolicTensor) =>
      tfl.layers.globalAveragePooling2d({}).apply(t) as tfl.SymbolicTensor;
    const model = tfl.model({
      inputs: input,
      outputs: tfl.layers
        .concatenate()
        .apply([pool(left), pool(right), pool(r1)]) as tfl.SymbolicTensor,
    });
    tf.tidy(() => {
      model.apply(tf.randomNormal([6, 8, 8, 2], 0.5, 1, 'float32', 3), { training: true });
    });
    // the stem's run and the left branch's fold with their ReLUs; n1 feeds r1 and the right conv, so
    // c1→n1 folds and r1 runs as itself; the right conv has no batch norm
    expectFoldedPredicts(model, [4, 8, 8, 2], 3);
  });

  it(`a nested model called twice runs once per call [${backend}]`, () => {
    const enc = trained({ inputShape: [6, 6, 1], filters: [2] });
    const input = tfl.input({ shape: [6, 6, 1] });
    const flipped = tfl.layers
      .rescaling({ scale: -1, offset: 1 })
      .apply(input) as tfl.SymbolicTensor;
    const model = tfl.model({
      inputs: input,
      outputs: tfl.layers
        .concatenate()
        .apply([
          enc.apply(input),
          enc.apply(flipped),
        ] as tfl.SymbolicTensor[]) as tfl.SymbolicTensor,
    });
    expectFoldedPredicts(model, [3, 6, 6, 1], 2);
  });

  it(`a model with two inputs is predicted by itself [${backend}]`, () => {
    const a = tfl.input({ shape: [4] });
    const b = tfl.input({ shape: [4] });
    const model = tfl.model({
      inputs: [a, b],
      outputs: tfl.layers.add().apply([a, b]) as tfl.SymbolicTensor,
    });
    const fast = inferenceFunction(model);
    expect(fast.fused).toBe(0);
    model.dispose();
  });

  it(`does not leak tensors; dispose frees the folded weights [${backend}]`, async () => {
    const model = trained({ inputShape: [8, 8, 1], filters: [4, 4] });
    const x = tf.randomUniform([2, 8, 8, 1]);
    await expectNoLeak(() => {
      const fast = inferenceFunction(model);
      fast.predict(x).dispose();
      fast.predict(x).dispose();
      fast.dispose();
    });
    x.dispose();
    model.dispose();
  });
});
