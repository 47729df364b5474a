import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { registerWasmTrainingKernels } from '@tessera/backends';
import { ntXentLoss } from '@tessera/losses';
import { describeWithBackends, saveAndReload, trainSteps } from '@tessera/test-utils';
import { expect, it } from 'vitest';
import { convEncoder } from './encoders/conv-encoder';
import { predictionHead, projectionHead } from './heads/projection-head';
import { siameseNetwork } from './siamese/siamese-network';

describeWithBackends('encoders, heads and siamese networks', ({ backend }) => {
  it('convEncoder: output shapes on several inputs, and the parameter count stated in its docs', () => {
    for (const [shape, dim] of [
      [[28, 28, 1], undefined],
      [[32, 32, 3], 64],
      [[9, 7, 2], 16],
    ] as const) {
      const enc = convEncoder({ inputShape: shape, embeddingDim: dim });
      const x = tf.zeros([2, ...shape]);
      const y = enc.predict(x) as tf.Tensor;
      expect(y.shape).toEqual([2, dim ?? 128]);
      tf.dispose([x, y]);
      enc.dispose();
    }
    const plain = convEncoder({ inputShape: [28, 28, 1], batchNorm: false });
    expect(plain.countParams()).toBe(92672);
    plain.dispose();
    expect(() => convEncoder({ inputShape: [1, 1, 1], filters: [8, 8, 8, 8, 8] })).toThrow(
      /too small/,
    );
    expect(() => convEncoder({ inputShape: [28, 28] as never })).toThrow(/inputShape/);
  });

  it('convEncoder: batchNormMomentum sets the running-average update (PyTorch momentum 0.1 = 0.9 here)', () => {
    const enc = convEncoder({ inputShape: [4, 4, 1], filters: [2], batchNormMomentum: 0.9 });
    const x = tf.tensor4d(
      Float32Array.from({ length: 32 }, (_, i) => i / 8),
      [2, 4, 4, 1],
    );
    tf.tidy(() => {
      enc.apply(x, { training: true });
    });
    // one training pass: running mean = 0.9 · 0 + 0.1 · (batch mean of the conv output)
    const bn = enc.layers.find((l) => l.name.endsWith('_bn1'))!;
    const conv = tf.tidy(() =>
      tf.mean(enc.layers.find((l) => l.name.endsWith('_conv1'))!.apply(x) as tf.Tensor, [0, 1, 2]),
    );
    const runningMean = bn.getWeights()[2]!;
    expect(Array.from(runningMean.dataSync())).toEqual(
      Array.from(conv.dataSync()).map((m) => expect.closeTo(0.1 * m, 5)),
    );
    expect(() => convEncoder({ inputShape: [4, 4, 1], batchNormMomentum: 1 })).toThrow(
      /batchNormMomentum must be in \[0, 1\)/,
    );
    tf.dispose([x, conv]);
    enc.dispose();
  });

  it('convEncoder: batchNormEpsilon is the ε of every batch norm (PyTorch 1e-5), and must be positive', () => {
    const x = tf.tensor4d([0, 0.001, 0.002, 0.003], [4, 1, 1, 1]);
    const outputs = [1e-3, 1e-5].map((eps) => {
      const enc = convEncoder({ inputShape: [1, 1, 1], filters: [1], batchNormEpsilon: eps });
      enc.layers.find((l) => l.name.endsWith('_conv1'))!.setWeights([tf.ones([3, 3, 1, 1])]);
      expect(enc.layers.find((l) => l.name.endsWith('_bn1'))!.getConfig().epsilon).toBe(eps);
      const y = tf.tidy(() =>
        Array.from((enc.apply(x, { training: true }) as tf.Tensor).dataSync()),
      );
      enc.dispose();
      return y;
    });
    // the conv passes x through (only the centre tap sees the 1×1 image); batch variance 1.25e-6,
    // so ε = 1e-3 nearly flattens the normalised values, ε = 1e-5 keeps most of them; after ReLU
    // the largest is (0.003 − 0.0015) / √(var + ε)
    expect(Math.max(...outputs[0]!)).toBeCloseTo(0.0015 / Math.sqrt(1.25e-6 + 1e-3), 3);
    expect(Math.max(...outputs[1]!)).toBeCloseTo(0.0015 / Math.sqrt(1.25e-6 + 1e-5), 3);
    expect(() => convEncoder({ inputShape: [4, 4, 1], batchNormEpsilon: 0 })).toThrow(
      /batchNormEpsilon must be positive/,
    );
    x.dispose();
  });

  it('projectionHead / predictionHead: shapes and parameter counts', () => {
    const head = projectionHead({ inputDim: 128, hiddenDim: 64, outputDim: 32, batchNorm: false });
    expect(head.countParams()).toBe(128 * 64 + 64 + 64 * 32 + 32);
    const three = projectionHead({ inputDim: 8, hiddenDim: 8, outputDim: 4, layers: 3 });
    const x = tf.zeros([5, 8]);
    const y = three.predict(x) as tf.Tensor;
    expect(y.shape).toEqual([5, 4]);
    const pred = predictionHead({ inputDim: 4, hiddenDim: 16, outputDim: 4 });
    const z = pred.predict(y) as tf.Tensor;
    expect(z.shape).toEqual([5, 4]);
    tf.dispose([x, y, z]);
    [head, three, pred].forEach((m) => m.dispose());
  });

  it('siameseNetwork: both branches share one set of weights; l1-dense and cosine heads', () => {
    for (const head of ['l1-dense', 'cosine'] as const) {
      const encoder = convEncoder({
        inputShape: [12, 12, 1],
        filters: [4, 8],
        embeddingDim: 6,
        batchNorm: false,
      });
      const { model, embed } = siameseNetwork(encoder, { head });
      // the model holds the encoder's weights once, plus the logit layer
      const extra = head === 'l1-dense' ? 6 + 1 : 1 + 1;
      expect(model.countParams()).toBe(encoder.countParams() + extra);
      const a = tf.randomUniform([3, 12, 12, 1], 0, 1, 'float32', 1);
      const logit = model.predict([a, a]) as tf.Tensor;
      expect(logit.shape).toEqual([3, 1]);
      // changing the encoder changes both branches at once: identical inputs stay identical embeddings
      encoder.setWeights(encoder.getWeights().map((w) => tf.add(w, 0.1)));
      const e = embed(a);
      expect(e.shape).toEqual([3, 6]);
      tf.dispose([a, logit, e]);
      model.dispose();
    }
  });

  it('saves and loads (tf.io round trip) to identical outputs, the siamese custom layer included', async () => {
    const encoder = convEncoder({ inputShape: [10, 10, 1], filters: [4, 8], embeddingDim: 5 });
    const { model } = siameseNetwork(encoder);
    const loaded = await saveAndReload(model, (h) => tfl.loadLayersModel(h));
    const a = tf.randomUniform([2, 10, 10, 1], 0, 1, 'float32', 2);
    const b = tf.randomUniform([2, 10, 10, 1], 0, 1, 'float32', 3);
    const y1 = model.predict([a, b]) as tf.Tensor;
    const y2 = loaded.predict([a, b]) as tf.Tensor;
    expect(Array.from(y2.dataSync())).toEqual(Array.from(y1.dataSync()));
    tf.dispose([a, b, y1, y2]);
    loaded.dispose();
    model.dispose();
  });

  it('a siamese network trains with BCE on same/different pairs without leaking', () => {
    if (backend === 'wasm') registerWasmTrainingKernels();
    const encoder = convEncoder({ inputShape: [6, 6, 1], filters: [4, 4], embeddingDim: 4 });
    const { model } = siameseNetwork(encoder);
    const a = tf.randomUniform([12, 6, 6, 1], 0, 1, 'float32', 6);
    const shuffled = tf.reverse(a, 0);
    const b = tf.concat([tf.slice(a, 0, 6), tf.slice(shuffled, 6, 6)]); // 6 same pairs, 6 different
    const y = tf.tensor2d([1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0], [12, 1]);
    const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const { losses, counts } = trainSteps(
      () =>
        tf.losses.sigmoidCrossEntropy(
          y,
          model.apply([a, b], { training: true }) as tf.Tensor,
        ) as tf.Scalar,
      vars,
      12,
    );
    expect(losses.at(-1)!).toBeLessThan(losses[0]!);
    expect(new Set(counts.slice(2)).size).toBe(1);
    tf.dispose([a, shuffled, b, y]);
    model.dispose();
  });

  it('encoder + projection head train with NT-Xent (Adam) without leaking', () => {
    if (backend === 'wasm') registerWasmTrainingKernels();
    const encoder = convEncoder({ inputShape: [8, 8, 1], filters: [4, 8], batchNorm: true });
    const head = projectionHead({ inputDim: 8, hiddenDim: 8, outputDim: 8 });
    const x1 = tf.randomUniform([12, 8, 8, 1], 0, 1, 'float32', 4);
    const x2 = tf.tidy(() => tf.add(x1, tf.randomNormal([12, 8, 8, 1], 0, 0.05, 'float32', 5)));
    const vars = [...encoder.trainableWeights, ...head.trainableWeights].map(
      (w) => w.read() as tf.Variable,
    );
    const { losses, counts } = trainSteps(
      () => {
        const z1 = head.apply(encoder.apply(x1, { training: true }), {
          training: true,
        }) as tf.Tensor2D;
        const z2 = head.apply(encoder.apply(x2, { training: true }), {
          training: true,
        }) as tf.Tensor2D;
        return ntXentLoss(z1, z2, { temperature: 0.5 }) as tf.Scalar;
      },
      vars,
      12,
    );
    expect(losses.at(-1)!).toBeLessThan(losses[0]!);
    expect(new Set(counts.slice(2)).size).toBe(1);
    tf.dispose([x1, x2]);
    encoder.dispose();
    head.dispose();
  });
});
