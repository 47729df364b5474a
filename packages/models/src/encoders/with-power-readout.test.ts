import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { InvalidArgumentError } from '@tessera/core';
import { describeWithBackends, expectTensorClose } from '@tessera/test-utils';
import { expect, it } from 'vitest';
import { inferenceFunction } from '../inference/inference-function';
import { convEncoder } from './conv-encoder';
import { withGridPool } from './with-grid-pool';
import { POWER_READOUT, withPowerReadout } from './with-power-readout';

describeWithBackends('withPowerReadout', ({ backend }) => {
  it(`puts sign(f)·|f|^p of the leading features before the unchanged output [${backend}]`, async () => {
    const input = tfl.input({ shape: [4] });
    const dense = tfl.layers.dense({ units: 5, kernelInitializer: 'glorotNormal' });
    const encoder = tfl.model({ inputs: input, outputs: dense.apply(input) as tfl.SymbolicTensor });
    const x = tf.randomNormal([6, 4], 0, 2, 'float32', 3);
    const f = (await (encoder.predict(x) as tf.Tensor).array()) as number[][];
    for (const [features, exponent] of [
      [3, 0.5],
      [5, 0.25],
      [1, 1],
    ] as const) {
      const read = withPowerReadout(encoder, { features, exponent });
      expect(read.outputs[0]!.shape).toEqual([null, features + 5]);
      expect(read.getLayer(POWER_READOUT)).toBeDefined();
      const want = f.map((row) => [
        ...row.slice(0, features).map((v) => Math.sign(v) * Math.abs(v) ** exponent),
        ...row,
      ]);
      expectTensorClose(read.predict(x) as tf.Tensor, tf.tensor2d(want), { atol: 1e-5 });
    }
    // by default every feature, square-rooted
    expect(withPowerReadout(encoder).outputs[0]!.shape).toEqual([null, 10]);
    x.dispose();
    encoder.dispose();
  });

  it(`with replace, transforms the leading features in place and keeps the rest [${backend}]`, async () => {
    const input = tfl.input({ shape: [4] });
    const dense = tfl.layers.dense({ units: 5, kernelInitializer: 'glorotNormal' });
    const encoder = tfl.model({ inputs: input, outputs: dense.apply(input) as tfl.SymbolicTensor });
    const x = tf.randomNormal([6, 4], 0, 2, 'float32', 7);
    const f = (await (encoder.predict(x) as tf.Tensor).array()) as number[][];
    for (const [features, exponent] of [
      [3, 0.5],
      [5, 0.5],
      [2, 0.25],
    ] as const) {
      const read = withPowerReadout(encoder, { features, exponent, replace: true });
      expect(read.outputs[0]!.shape).toEqual([null, 5]);
      const want = f.map((row) =>
        row.map((v, i) => (i < features ? Math.sign(v) * Math.abs(v) ** exponent : v)),
      );
      const got = read.predict(x) as tf.Tensor;
      expectTensorClose(got, tf.tensor2d(want), { atol: 1e-5 });
      // saved and loaded as it was made
      const back = await tfl.models.modelFromJSON(
        JSON.parse(JSON.stringify(read.toJSON(null, false))),
      );
      back.setWeights(read.getWeights());
      expect(back.outputs[0]!.shape).toEqual([null, 5]);
      expectTensorClose(back.predict(x) as tf.Tensor, got, { atol: 1e-6 });
      tf.dispose(got);
      back.dispose();
    }
    // a copy in front stays the default, and its saved config has no replace entry
    const copy = withPowerReadout(encoder, { features: 2 });
    expect(copy.getLayer(POWER_READOUT).getConfig()).not.toHaveProperty('replace');
    x.dispose();
    encoder.dispose();
  });

  it(`reads a grid-pooled conv encoder; inferenceFunction folds it; saved and loaded [${backend}]`, async () => {
    const encoder = withGridPool(
      convEncoder({ inputShape: [12, 12, 1], filters: [4, 8], downsample: [0], grid: 2 }),
      'max',
      { appendMean: true },
    );
    const read = withPowerReadout(encoder, { features: 32 });
    const x = tf.randomUniform([3, 12, 12, 1], 0, 1, 'float32', 5);
    const cells = tf.slice(encoder.predict(x) as tf.Tensor2D, [0, 0], [3, 32]);
    const got = read.predict(x) as tf.Tensor2D;
    expect(got.shape).toEqual([3, 32 + 40]);
    // post-ReLU maxima: non-negative, so the leading block is their square root
    expectTensorClose(tf.slice(got, [0, 0], [3, 32]), tf.sqrt(cells), { atol: 1e-5 });
    const fast = inferenceFunction(read);
    expect(fast.fused).toBeGreaterThan(0);
    expectTensorClose(fast.predict(x), got, { atol: 1e-4 });
    fast.dispose();
    const back = await tfl.models.modelFromJSON(
      JSON.parse(JSON.stringify(read.toJSON(null, false))),
    );
    back.setWeights(read.getWeights());
    expectTensorClose(back.predict(x) as tf.Tensor, got, { atol: 1e-6 });
    tf.dispose([x, cells, got]);
    back.dispose();
    encoder.dispose();
  });

  it(`fails clearly on a bad encoder, feature count or exponent [${backend}]`, () => {
    const input = tfl.input({ shape: [4, 4, 1] });
    const map = tfl.model({ inputs: input, outputs: input });
    expect(() => withPowerReadout(map)).toThrow(/\[N, D\] features, got \[N, 4, 4, 1\]/);
    const flat = tfl.model({
      inputs: input,
      outputs: tfl.layers.flatten().apply(input) as tfl.SymbolicTensor,
    });
    expect(() => withPowerReadout(flat, { features: 17 })).toThrow(InvalidArgumentError);
    expect(() => withPowerReadout(flat, { features: 0 })).toThrow(/integer in \[1, 16\]/);
    expect(() => withPowerReadout(flat, { exponent: 0 })).toThrow(/exponent must be in \(0, 1\]/);
    expect(() => withPowerReadout(flat, { exponent: 2 })).toThrow(/exponent/);
    expect(() => withPowerReadout(flat, { replace: 1 as unknown as boolean })).toThrow(
      /replace must be true or false, got 1/,
    );
  });
});
