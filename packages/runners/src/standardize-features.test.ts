import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { InvalidArgumentError } from '@tessera/core';
import { expectNoLeak } from '@tessera/test-utils';
import { beforeAll, expect, it } from 'vitest';
import { embedImages } from './evaluate/embed';
import { FEATURE_STANDARDIZATION_LAYER, standardizeFeatures } from './standardize-features';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A small encoder from 4×4×1 images to 6 features of very unequal scales. */
function encoder(): tfl.LayersModel {
  const input = tfl.input({ shape: [4, 4, 1] });
  const flat = tfl.layers.flatten().apply(input) as tfl.SymbolicTensor;
  const dense = tfl.layers.dense({
    units: 6,
    kernelInitializer: 'glorotUniform',
    biasInitializer: 'ones',
  });
  const out = dense.apply(flat) as tfl.SymbolicTensor;
  const model = tfl.model({ inputs: input, outputs: out, name: 'enc' });
  const [w, b] = dense.getWeights() as [tf.Tensor, tf.Tensor];
  const scaled = tf.mul(w, tf.tensor1d([100, 1, 0.01, 3, 1, 7]));
  dense.setWeights([scaled, b]);
  tf.dispose([scaled]);
  return model;
}

const data = (n: number, seed = 1) => {
  let s = seed;
  const images = Float32Array.from(
    { length: n * 16 },
    () => (s = (s * 16807) % 2147483647) / 2147483647,
  );
  return { images, shape: [n, 4, 4, 1] as [number, number, number, number] };
};

it('standardises each feature with its mean and population variance over the data', async () => {
  const base = encoder();
  const d = data(50);
  const model = await standardizeFeatures(base, d, { epsilon: 1e-5 });
  const raw = await embedImages(base, d);
  const out = await embedImages(model, d);
  for (let f = 0; f < 6; f++) {
    const col = Array.from({ length: 50 }, (_, i) => raw.features[i * 6 + f] as number);
    const mean = col.reduce((a, b) => a + b) / 50;
    const variance = col.reduce((a, b) => a + (b - mean) ** 2, 0) / 50;
    for (let i = 0; i < 50; i++)
      expect(out.features[i * 6 + f]).toBeCloseTo(
        ((col[i] as number) - mean) / Math.sqrt(variance + 1e-5),
        4,
      );
  }
  expect(model.layers.at(-1)!.name).toBe(FEATURE_STANDARDIZATION_LAYER);
});

it('replaces a standardisation it finds instead of stacking one more', async () => {
  const base = encoder();
  const once = await standardizeFeatures(base, data(40));
  const twice = await standardizeFeatures(once, data(40));
  expect(twice.layers.filter((l) => l.name === FEATURE_STANDARDIZATION_LAYER)).toHaveLength(1);
  const x = tf.tensor4d(data(5, 9).images, [5, 4, 4, 1]);
  const [a, b] = [once.predict(x) as tf.Tensor, twice.predict(x) as tf.Tensor];
  expect(Array.from(await b.data())).toEqual(Array.from(await a.data()));
  tf.dispose([x, a, b]);
});

it('samples maxImages images with a fixed seed: the same statistics every time', async () => {
  const base = encoder();
  const d = data(300);
  const stats = async () =>
    (await standardizeFeatures(base, d, { maxImages: 100 })).layers
      .at(-1)!
      .getWeights()
      .map((w) => Array.from(w.dataSync()));
  const [first, second] = [await stats(), await stats()];
  expect(second).toEqual(first);
  const all = (await standardizeFeatures(base, d)).layers
    .at(-1)!
    .getWeights()
    .map((w) => Array.from(w.dataSync()));
  expect(all).not.toEqual(first);
});

it('saves and loads with its statistics; a fresh copy from the config starts unstandardised', async () => {
  const model = await standardizeFeatures(encoder(), data(30));
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(
      async (a) => (
        (saved = a),
        { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }
      ),
    ),
  );
  const loaded = await tfl.loadLayersModel(tf.io.fromMemory(saved!));
  const x = tf.tensor4d(data(4, 3).images, [4, 4, 4, 1]);
  const [a, b] = [model.predict(x) as tf.Tensor, loaded.predict(x) as tf.Tensor];
  expect(Array.from(await b.data())).toEqual(Array.from(await a.data()));
  const fresh = await tfl.models.modelFromJSON({
    modelTopology: model.toJSON(null, false),
  } as never);
  const [mean, variance] = fresh.layers.at(-1)!.getWeights();
  expect(Array.from(mean!.dataSync())).toEqual([0, 0, 0, 0, 0, 0]);
  expect(Array.from(variance!.dataSync())).toEqual([1, 1, 1, 1, 1, 1]);
  tf.dispose([x, a, b]);
});

it('leaves no tensor behind', async () => {
  const base = encoder();
  const d = data(20);
  (await standardizeFeatures(base, d)).layers.at(-1); // builds everything once
  await expectNoLeak(async () => {
    const m = await standardizeFeatures(base, d);
    m.layers.at(-1)!.dispose();
  });
});

it('names what is wrong: features that are not [N, D], images of another size, no images', async () => {
  const input = tfl.input({ shape: [4, 4, 1] });
  const conv = tfl.model({
    inputs: input,
    outputs: tfl.layers.conv2d({ filters: 2, kernelSize: 1 }).apply(input) as tfl.SymbolicTensor,
  });
  await expect(standardizeFeatures(conv, data(4))).rejects.toThrow(/\[N, D\] features/);
  await expect(
    standardizeFeatures(encoder(), { images: new Float32Array(4 * 9), shape: [4, 3, 3, 1] }),
  ).rejects.toThrow(/takes 4×4×1 images/);
  await expect(standardizeFeatures(encoder(), data(4), { maxImages: 0 })).rejects.toThrow(
    InvalidArgumentError,
  );
});

it('takes an encoder of any image size (null height and width) on images of one size', async () => {
  const input = tfl.input({ shape: [null, null, 1] });
  const pooled = tfl.layers.globalAveragePooling2d({}).apply(input) as tfl.SymbolicTensor;
  const any = tfl.model({ inputs: input, outputs: pooled });
  const d = data(8);
  const m = await standardizeFeatures(any, d);
  const { features } = await embedImages(m, d);
  const mean = features.reduce((a, v) => a + v, 0) / features.length;
  expect(Math.abs(mean)).toBeLessThan(1e-5);
  await expect(
    standardizeFeatures(any, { images: new Float32Array(4 * 32), shape: [4, 4, 4, 2] }),
  ).rejects.toThrow(/takes any×any×1 images, the data has 4×4×2/);
  m.layers.at(-1)!.dispose();
});
