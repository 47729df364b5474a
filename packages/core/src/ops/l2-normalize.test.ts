import * as tf from '@tensorflow/tfjs-core';
import { describeWithBackends, expectNoLeak, expectTensorClose } from '@tessera/test-utils';
import { expect, it } from 'vitest';
import { l2Normalize } from './l2-normalize';

/** The gradient of Σ w ⊙ (x / max(‖x‖, eps)) in float64 by the quotient rule, row by row. */
function reference(x: number[][], w: number[][], eps: number): number[][] {
  return x.map((row, i) => {
    const r = Math.sqrt(row.reduce((a, v) => a + v * v, 0));
    const n = Math.max(r, eps);
    const dot = row.reduce((a, v, k) => a + v * w[i]![k]!, 0);
    // ∂/∂x_k [Σ_j w_j x_j / n] = w_k / n − (Σ_j w_j x_j) / n² · ∂n/∂x_k, ∂n/∂x_k = x_k / r if r ≥ eps
    return row.map((v, k) => w[i]![k]! / n - (r >= eps && r > 0 ? (dot / (n * n)) * (v / r) : 0));
  });
}

describeWithBackends('l2Normalize', () => {
  it('divides rows by their norm, and its gradient is the quotient rule’s', () => {
    const x = [
      [3, 4, 0],
      [-1, 2, 0.5],
      [0, 0, 0],
      [1e-14, 0, 0],
      [0.2, -0.1, 7],
    ];
    const w = [
      [0.3, -1, 2],
      [1, 1, -0.5],
      [0.7, 0.1, 0.2],
      [2, -3, 1],
      [-0.4, 0.9, 0.05],
    ];
    const [xs, ws] = [tf.tensor2d(x), tf.tensor2d(w)];
    const { value, grads } = tf.valueAndGrads((a: tf.Tensor) => tf.sum(tf.mul(l2Normalize(a), ws)))(
      [xs],
    );
    const y = l2Normalize(xs);
    expectTensorClose(tf.slice(y, [0, 0], [1, 3]), [[0.6, 0.8, 0]], { rtol: 1e-6 });
    // rows under eps are divided by eps, the zero row stays 0
    expectTensorClose(
      tf.slice(y, [2, 0], [2, 3]),
      [
        [0, 0, 0],
        [0.01, 0, 0],
      ],
      { rtol: 1e-5, atol: 1e-7 },
    );
    const want = reference(x, w, 1e-12);
    // rows 2 and 3 are below eps: the gradient is w / eps (1e12-sized), compared relatively
    expectTensorClose(grads[0]!, want, { rtol: 1e-5, atol: 1e-6 });
    tf.dispose([xs, ws, value, y, ...grads]);
  });

  it('normalises the last axis of any rank, with a custom eps', () => {
    const x = tf.tensor3d([[[0, 2]], [[0.5, 0]]]);
    expectTensorClose(l2Normalize(x, { eps: 1 }), [[[0, 1]], [[0.5, 0]]], { rtol: 1e-6 });
    const g = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(l2Normalize(a, { eps: 1 }), 1)))(x);
    // row [0, 2] (norm 2 ≥ 1, y = [0, 1], y·dy = 1): (dy − y) / 2 = [0.5, 0]; row [0.5, 0]
    // (norm < 1): dy / 1
    expectTensorClose(g, [[[0.5, 0]], [[1, 1]]], { rtol: 1e-6, atol: 1e-7 });
    tf.dispose([x, g]);
  });

  it('leaks nothing through its gradient', async () => {
    const x = tf.randomNormal([16, 8], 0, 1, 'float32', 1);
    await expectNoLeak(() => {
      const { value, grads } = tf.valueAndGrads((a: tf.Tensor) => tf.sum(l2Normalize(a)))([x]);
      tf.dispose([value, ...grads]);
    });
    expect(x.isDisposed).toBe(false);
    x.dispose();
  });
});
