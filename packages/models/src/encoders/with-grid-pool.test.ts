import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { describeWithBackends, expectTensorClose } from '@tessera/test-utils';
import { expect, it } from 'vitest';
import { inferenceFunction } from '../inference/inference-function';
import { convEncoder } from './conv-encoder';
import { PREVIOUS_STAGE_POOL, withGridPool } from './with-grid-pool';

/** A defaultEncoder-like model: a rescaling, then the conv encoder nested as one layer. */
function nestedEncoder(options: Parameters<typeof convEncoder>[0]): tfl.LayersModel {
  const input = tfl.input({ shape: [...options.inputShape] });
  const scaled = tfl.layers.rescaling({ scale: 2, offset: -1 }).apply(input);
  const body = convEncoder(options);
  return tfl.model({ inputs: input, outputs: body.apply(scaled) as tfl.SymbolicTensor });
}

describeWithBackends('withGridPool', ({ backend }) => {
  it(`reads the same cells by max: equals an encoder built with gridPool 'max' and the same weights [${backend}]`, () => {
    const options = { inputShape: [12, 12, 1], filters: [4, 8], downsample: [0], grid: 2 } as const;
    const trained = nestedEncoder(options);
    const byMax = nestedEncoder({ ...options, gridPool: 'max' });
    byMax.setWeights(trained.getWeights());
    const readout = withGridPool(trained, 'max');
    const x = tf.randomUniform([3, 12, 12, 1], 0, 1, 'float32', 7);
    const [got, want, original] = [readout, byMax, trained].map((m) => m.predict(x) as tf.Tensor);
    expectTensorClose(got!, want!, { atol: 1e-6 });
    // the weights are shared, the original model is untouched, and reading back by average undoes it
    expect(readout.getWeights().length).toBe(trained.getWeights().length);
    const back = withGridPool(readout, 'average').predict(x) as tf.Tensor;
    expectTensorClose(back, original!, { atol: 1e-6 });
    expect(tf.max(tf.abs(tf.sub(got!, original!))).dataSync()[0]).toBeGreaterThan(1e-3);
    tf.dispose([x, got!, want!, original!, back]);
    trained.dispose();
    byMax.dispose();
  });

  it(`global average pooling becomes a 1×1 grid max; inferenceFunction folds the new model [${backend}]`, () => {
    const trained = nestedEncoder({ inputShape: [8, 8, 1], filters: [4, 8] });
    const readout = withGridPool(trained, 'max');
    expect(readout.outputs[0]!.shape).toEqual([null, 8]);
    const x = tf.randomUniform([2, 8, 8, 1], 0, 1, 'float32', 3);
    const fast = inferenceFunction(readout);
    expect(fast.fused).toBe(2);
    const [a, b] = [fast.predict(x), readout.predict(x) as tf.Tensor];
    expectTensorClose(a, b, { atol: 1e-5 });
    tf.dispose([x, a, b]);
    fast.dispose();
    trained.dispose();
  });

  it(`appendMean: the cells, then the last map's global average; still a folded chain; saved and loaded [${backend}]`, async () => {
    const options = { inputShape: [12, 12, 1], filters: [4, 8], downsample: [0], grid: 2 } as const;
    const trained = nestedEncoder(options);
    const readout = withGridPool(trained, 'max', { appendMean: true });
    expect(readout.outputs[0]!.shape).toEqual([null, 5 * 8]);
    // the last map itself: the encoder up to its grid pooling
    const pool = readout.layers.findIndex((l) => l.getClassName() === 'TesseraGridMaxPooling2D');
    const upToMap = tfl.model({
      inputs: readout.inputs,
      outputs: readout.layers[pool]!.input as tfl.SymbolicTensor,
    });
    const x = tf.randomUniform([3, 12, 12, 1], 0, 1, 'float32', 5);
    const map = upToMap.predict(x) as tf.Tensor4D;
    const cells = withGridPool(trained, 'max').predict(x) as tf.Tensor;
    const got = readout.predict(x) as tf.Tensor;
    expectTensorClose(got, tf.concat([cells, tf.mean(map, [1, 2])], 1), { atol: 1e-6 });
    const fast = inferenceFunction(readout);
    expect(fast.fused).toBe(2);
    expectTensorClose(fast.predict(x), got, { atol: 1e-5 });
    fast.dispose();
    // the option is saved with the layer (a JSON round trip of the topology, as save/load does)
    const back = await tfl.models.modelFromJSON(
      JSON.parse(JSON.stringify(readout.toJSON(null, false))),
    );
    back.setWeights(readout.getWeights());
    expectTensorClose(back.predict(x) as tf.Tensor, got, { atol: 1e-6 });
    tf.dispose([x, map, cells, got]);
    back.dispose();
    trained.dispose();
  });
});

describeWithBackends('withGridPool appendPreviousStage', ({ backend }) => {
  it(`appends the cells and mean of the map entering the last downsampling; folded; saved and loaded [${backend}]`, async () => {
    const options = { inputShape: [12, 12, 1], filters: [4, 8], downsample: [0], grid: 2 } as const;
    const trained = nestedEncoder(options);
    tf.tidy(() => {
      trained.apply(tf.randomNormal([4, 12, 12, 1], 0.5, 1, 'float32', 2), { training: true });
    });
    const readout = withGridPool(trained, 'max', { appendMean: true, appendPreviousStage: true });
    // the last map (6×6×8): 4 cells + mean; the previous one (12×12×4): 4 cells + mean
    expect(readout.outputs[0]!.shape).toEqual([null, 5 * 8 + 5 * 4]);
    const tapLayer = readout.getLayer(PREVIOUS_STAGE_POOL);
    const upToTap = tfl.model({
      inputs: readout.inputs,
      outputs: tapLayer.input as tfl.SymbolicTensor,
    });
    const x = tf.randomUniform([3, 12, 12, 1], 0, 1, 'float32', 5);
    const map = upToTap.predict(x) as tf.Tensor4D;
    expect(map.shape).toEqual([3, 12, 12, 4]);
    const leading = withGridPool(trained, 'max', { appendMean: true }).predict(x) as tf.Tensor;
    // 2×2 cells of a 12×12 map are its 6×6 quarters, row-major, channels fastest
    const cells = tf.reshape(tf.maxPool(map, 6, 6, 'valid'), [3, 4 * 4]);
    const want = tf.concat([leading, cells, tf.mean(map, [1, 2])], 1);
    const got = readout.predict(x) as tf.Tensor;
    expectTensorClose(got, want, { atol: 1e-6 });
    const fast = inferenceFunction(readout);
    expect(fast.fused).toBe(2);
    const folded = fast.predict(x);
    expectTensorClose(folded, got, { atol: 1e-5, rtol: 1e-4 });
    fast.dispose();
    const back = await tfl.models.modelFromJSON(
      JSON.parse(JSON.stringify(readout.toJSON(null, false))),
    );
    back.setWeights(readout.getWeights());
    expectTensorClose(back.predict(x) as tf.Tensor, got, { atol: 1e-6 });
    tf.dispose([x, map, leading, cells, want, got, folded]);
    back.dispose();
    trained.dispose();
  });
});

it('throws on an encoder without a grid or global pooling, one that is not a chain, and a bad pool', () => {
  const input = tfl.input({ shape: [4] });
  const dense = tfl.model({
    inputs: input,
    outputs: tfl.layers.dense({ units: 2 }).apply(input) as tfl.SymbolicTensor,
  });
  expect(() => withGridPool(dense, 'max')).toThrow(/no grid or global average pooling/);
  const [a, b] = [tfl.input({ shape: [2] }), tfl.input({ shape: [2] })];
  const twoInputs = tfl.model({
    inputs: [a, b],
    outputs: tfl.layers.add().apply([a, b]) as tfl.SymbolicTensor,
  });
  expect(() => withGridPool(twoInputs, 'max')).toThrow(/chain of layers/);
  const enc = convEncoder({ inputShape: [8, 8, 1], filters: [2] });
  expect(() => withGridPool(enc, 'min' as never)).toThrow(/'average' or 'max'/);
  expect(() => withGridPool(enc, 'max', { appendPreviousStage: true })).toThrow(/one stage/);
  [dense, twoInputs, enc].forEach((m) => m.dispose());
});
