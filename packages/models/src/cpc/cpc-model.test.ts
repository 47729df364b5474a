import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { registerWasmTrainingKernels } from '@tessera/backends';
import { cpcLoss } from '@tessera/losses';
import { describeWithBackends, saveAndReload, trainSteps } from '@tessera/test-utils';
import { expect, it } from 'vitest';
import { convEncoder } from '../encoders/conv-encoder';
import { cpcModel } from './cpc-model';

describeWithBackends('cpcModel', ({ backend }) => {
  it('on 1-D sequences: shapes for cpcLoss, and a few Adam steps lower the loss without leaking', () => {
    if (backend === 'wasm') registerWasmTrainingKernels();
    const frame = tfl.sequential({
      layers: [
        tfl.layers.dense({ inputShape: [6], units: 8, activation: 'relu' }),
        tfl.layers.dense({ units: 8 }),
      ],
    });
    const cpc = cpcModel({
      encoder: frame,
      sequenceLength: 6,
      contextUnits: 12,
      predictionSteps: 2,
    });
    expect(cpc.contextStep).toBe(3);
    // a learnable signal: each sequence is a shifted sine with its own phase, sampled in frames of 6
    const x = tf.tidy(() => {
      const phase = tf.mul(tf.randomUniform([16, 1, 1], 0, 6.28, 'float32', 4), 1);
      const pos = tf.reshape(tf.range(0, 36), [1, 6, 6]);
      return tf.sin(tf.add(tf.mul(pos, 0.3), phase));
    });
    const [p, e] = cpc.model.apply(x) as tf.Tensor3D[];
    expect([p!.shape, e!.shape]).toEqual([
      [16, 2, 8],
      [16, 2, 8],
    ]);
    const ctx = cpc.context.predict(x) as tf.Tensor;
    expect(ctx.shape).toEqual([16, 6, 12]);
    tf.dispose([p!, e!, ctx]);
    const vars = cpc.model.trainableWeights.map((w) => w.read() as tf.Variable);
    const { losses, counts } = trainSteps(
      () => {
        const [pred, enc] = cpc.model.apply(x, { training: true }) as tf.Tensor3D[];
        return cpcLoss(pred!, enc!) as tf.Scalar;
      },
      vars,
      15,
    );
    expect(losses.at(-1)!).toBeLessThan(losses[0]!);
    expect(new Set(counts.slice(2)).size).toBe(1);
    x.dispose();
    cpc.model.dispose();
  });

  it('on image patch rows: a conv encoder per patch; saves and loads', async () => {
    const patch = convEncoder({
      inputShape: [7, 7, 1],
      filters: [4, 8],
      embeddingDim: 6,
      batchNorm: false,
    });
    const cpc = cpcModel({
      encoder: patch,
      sequenceLength: 4,
      contextUnits: 5,
      predictionSteps: 1,
    });
    const x = tf.randomUniform([3, 4, 7, 7, 1], 0, 1, 'float32', 1);
    const [p, e] = cpc.model.predict(x) as tf.Tensor[];
    expect([p!.shape, e!.shape]).toEqual([
      [3, 1, 6],
      [3, 1, 6],
    ]);
    const loaded = await saveAndReload(cpc.model, (h) => tfl.loadLayersModel(h));
    const [p2] = loaded.predict(x) as tf.Tensor[];
    expect(Array.from(p2!.dataSync())).toEqual(Array.from(p!.dataSync()));
    tf.dispose([x, p!, e!, p2!]);
    loaded.dispose();
    cpc.model.dispose();
    expect(() =>
      cpcModel({ encoder: patch, sequenceLength: 3, contextUnits: 4, predictionSteps: 3 }),
    ).toThrow(/predictionSteps/);
  });
});
