import * as tf from '@tensorflow/tfjs-core';
import { describeWithBackends, expectNoLeak } from '@tessera/test-utils';
import { expect, it } from 'vitest';
import { stopGradient } from './stop-gradient';

describeWithBackends('stopGradient', () => {
  it('passes values through and blocks the gradient', () => {
    const x = tf.scalar(3);
    const g = tf.grad((v: tf.Tensor) => tf.mul(v, stopGradient(v)))(x);
    expect(g.dataSync()[0]).toBe(3); // d/dx (x · c) with c = 3 held constant
    expect(stopGradient(x).dataSync()[0]).toBe(3);
    tf.dispose([x, g]);
  });

  it('does not leak tensors', async () => {
    const x = tf.ones([2, 2]);
    await expectNoLeak(() =>
      tf.tidy(() => void tf.grad((v: tf.Tensor) => tf.sum(stopGradient(v)))(x)),
    );
    x.dispose();
  });
});
