import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { createRng } from '@tessera/core';

/**
 * DESIGN's small CNN, as `SmallCNN` in tests/fixtures/reference/bench_torch.py:
 * conv32 – conv64 – maxpool – conv128 – global average pool – MLP 128-128-128.
 */
export function smallCnn(inputShape: [number, number, number]): tfl.LayersModel {
  const conv = (filters: number) =>
    tfl.layers.conv2d({ filters, kernelSize: 3, padding: 'same', activation: 'relu' });
  return tfl.sequential({
    layers: [
      tfl.layers.inputLayer({ inputShape }),
      conv(32),
      conv(64),
      tfl.layers.maxPooling2d({ poolSize: 2 }),
      conv(128),
      tfl.layers.globalAveragePooling2d({}),
      tfl.layers.dense({ units: 128, activation: 'relu' }),
      tfl.layers.dense({ units: 128 }),
    ],
  });
}

/**
 * NT-Xent (SimCLR, τ = 0.5, 2N anchors, 2N−2 negatives), the loss of the reference step.
 * A stand-in for the benchmark only: `@tessera/losses` will own the real `ntXentLoss`.
 */
export function ntXentForBench(z1: tf.Tensor2D, z2: tf.Tensor2D, tau = 0.5): tf.Scalar {
  return tf.tidy(() => {
    const n = z1.shape[0];
    const z = tf.concat([z1, z2], 0);
    const u = tf.div(z, tf.maximum(tf.norm(z, 2, 1, true), 1e-12));
    const s = tf.div(tf.matMul(u, u, false, true), tau);
    const masked = tf.sub(s, tf.mul(tf.eye(2 * n), 1e9));
    const pos = tf.concat([tf.range(n, 2 * n, 1, 'int32'), tf.range(0, n, 1, 'int32')]);
    const logits = tf.logSoftmax(masked);
    const picked = tf.sum(tf.mul(logits, tf.oneHot(pos, 2 * n)), 1);
    return tf.neg(tf.mean(picked)) as tf.Scalar;
  });
}

/** One SimCLR training step's state: model, Adam, and two fixed batches of views in [0, 1). */
export function simclrStepState(batch: number, shape: [number, number, number], seed = 1) {
  const rng = createRng(seed);
  const size = batch * shape[0] * shape[1] * shape[2];
  const views = () =>
    tf.tensor4d(
      Float32Array.from({ length: size }, () => rng.next()),
      [batch, ...shape],
    );
  const model = smallCnn(shape);
  const optimizer = tf.train.adam(1e-3);
  const v = tf.concat([views(), views()], 0);
  const step = async () => {
    const loss = optimizer.minimize(() => {
      const z = model.apply(v, { training: true }) as tf.Tensor2D;
      const [z1, z2] = tf.split(z, 2, 0) as [tf.Tensor2D, tf.Tensor2D];
      return ntXentForBench(z1, z2);
    }, true);
    await loss?.data(); // wait for the backend to finish, as PyTorch's step is synchronous
    loss?.dispose();
  };
  const dispose = () => {
    model.dispose();
    optimizer.dispose();
    v.dispose();
  };
  return { step, dispose };
}
