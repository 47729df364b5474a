import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { registerWasmTrainingKernels } from '@tessera/backends';
import { infoNceLoss } from '@tessera/losses';
import { describeWithBackends } from '@tessera/test-utils';
import { expect, it } from 'vitest';
import { convEncoder } from './encoders/conv-encoder';
import { projectionHead } from './heads/projection-head';
import { FeatureQueue } from './memory/feature-queue';
import { MemoryBank } from './memory/memory-bank';
import { MomentumEncoder } from './momentum/momentum-encoder';

describeWithBackends('a MoCo-style step with every stateful piece', ({ backend }) => {
  it('keeps tf.memory().numTensors the same after step 10 and after step 200', () => {
    if (backend === 'wasm') registerWasmTrainingKernels();
    const encoder = convEncoder({ inputShape: [6, 6, 1], filters: [4, 4], batchNorm: true });
    const head = projectionHead({ inputDim: 4, hiddenDim: 8, outputDim: 8 });
    const online = tfl.sequential({ layers: [encoder, head] });
    const target = new MomentumEncoder(online, { momentum: 0.99 });
    const queue = new FeatureQueue({ size: 32, dim: 8 });
    const bank = new MemoryBank({ size: 64, dim: 8 });
    const optimizer = tf.train.adam(0.01);
    const vars = online.trainableWeights.map((w) => w.read() as tf.Variable);
    const counts: number[] = [];
    for (let step = 1; step <= 200; step++) {
      const x1 = tf.randomUniform([8, 6, 6, 1], 0, 1, 'float32', step);
      const x2 = tf.tidy(() =>
        tf.add(x1, tf.randomNormal([8, 6, 6, 1], 0, 0.05, 'float32', 1000 + step)),
      );
      const k = tf.tidy(() => target.model.apply(x2) as tf.Tensor2D);
      let q: tf.Tensor2D | null = null;
      const loss = optimizer.minimize(
        () => {
          const out = online.apply(x1, { training: true }) as tf.Tensor2D;
          q = tf.keep(tf.clone(out));
          return infoNceLoss(out, k, queue.tensor(), { temperature: 0.2 }) as tf.Scalar;
        },
        true,
        vars,
      )!;
      target.update(step);
      queue.enqueue(k);
      bank.update(
        Int32Array.from({ length: 8 }, (_, i) => (step * 8 + i) % 64),
        q!,
      );
      tf.dispose([x1, x2, k, loss, q!]);
      if (step === 10 || step === 200) counts.push(tf.memory().numTensors);
    }
    expect(counts[1]).toBe(counts[0]);
    optimizer.dispose();
    [target, queue, bank].forEach((o) => o.dispose());
    online.dispose();
  });
});
