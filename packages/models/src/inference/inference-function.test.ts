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

  it(`a model that is not a chain is predicted by itself [${backend}]`, () => {
    const input = tfl.input({ shape: [4] });
    const a = tfl.layers.dense({ units: 3 }).apply(input) as tfl.SymbolicTensor;
    const b = tfl.layers.dense({ units: 3 }).apply(input) as tfl.SymbolicTensor;
    const model = tfl.model({
      inputs: input,
      outputs: tfl.layers.add().apply([a, b]) as tfl.SymbolicTensor,
    });
    const fast = inferenceFunction(model);
    expect(fast.fused).toBe(0);
    const x = tf.ones([2, 4]);
    const [want, got] = [model.predict(x) as tf.Tensor, fast.predict(x)];
    expectTensorClose(got, want, { atol: 0 });
    tf.dispose([x, want, got]);
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
