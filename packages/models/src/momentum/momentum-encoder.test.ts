import * as tf from '@tensorflow/tfjs-core';
import { describeWithBackends, expectNoLeak } from '@tessera/test-utils';
import { expect, it } from 'vitest';
import { projectionHead } from '../heads/projection-head';
import { MomentumEncoder } from './momentum-encoder';

describeWithBackends('MomentumEncoder', () => {
  it('starts as a copy, moves by exactly the EMA rule, and is not trainable', async () => {
    const online = projectionHead({ inputDim: 4, hiddenDim: 6, outputDim: 3 });
    const target = new MomentumEncoder(online, { momentum: 0.9 });
    expect(target.model.trainableWeights).toHaveLength(0);
    const byName = (m: typeof online) =>
      new Map(m.weights.map((w) => [w.originalName, w.read().arraySync()]));
    const start = byName(target.model);
    expect(start).toEqual(byName(online));
    // move the online weights, then one EMA step
    const moved = online.getWeights().map((w) => tf.add(w, 1));
    online.setWeights(moved);
    await expectNoLeak(() => {
      target.update();
    });
    const onlineNow = new Map(online.weights.map((w) => [w.originalName, w.read()]));
    for (const w of target.model.weights) {
      const gap = tf.tidy(() => {
        const before = tf.tensor(start.get(w.originalName) as number[]);
        const expected = tf.add(tf.mul(before, 0.9), tf.mul(onlineNow.get(w.originalName)!, 0.1));
        return tf.max(tf.abs(tf.sub(w.read(), expected))).dataSync()[0]!;
      });
      expect(gap, w.originalName).toBeLessThan(1e-6);
    }
    tf.dispose(moved);
    target.dispose();
    online.dispose();
  });

  it('follows the cosine schedule from m to 1', () => {
    const online = projectionHead({ inputDim: 2, hiddenDim: 2, outputDim: 2 });
    const target = new MomentumEncoder(online, {
      momentum: 0.99,
      schedule: 'cosine',
      totalSteps: 100,
    });
    expect(target.momentumAt(0)).toBeCloseTo(0.99, 12);
    expect(target.momentumAt(50)).toBeCloseTo(0.995, 12);
    expect(target.momentumAt(100)).toBeCloseTo(1, 12);
    expect(() => new MomentumEncoder(online, { schedule: 'cosine' })).toThrow(/totalSteps/);
    expect(() => new MomentumEncoder(online, { momentum: -0.1 })).toThrow(
      /momentum must be in \[0, 1\]/,
    );
    target.dispose();
    online.dispose();
  });
});
