// The probe's full-batch objective: its value and gradient at arbitrary parameters equal the
// composed objective (`probeObjective`) and TF.js's autodiff of it — by TesseraSoftmaxRegression
// where the backend registers it (wasm), by the composed ops elsewhere.
import * as tf from '@tensorflow/tfjs-core';
import { createRng, TESSERA_KERNELS } from '@tessera/core';
import { describeWithBackends, expectNoLeak } from '@tessera/test-utils';
import { expect, it, vi } from 'vitest';
import { probeObjective, probeValueAndGradient } from './probe-objective';

describeWithBackends('probeValueAndGradient', ({ backend }) => {
  it('equals the composed objective and its autodiff gradient, leaving no tensor behind', async () => {
    const [n, d, c, weightDecay] = [203, 29, 10, 0.01];
    const rng = createRng(5);
    const x = tf.tensor2d(
      Float32Array.from({ length: n * d }, () => rng.normal()),
      [n, d],
    );
    const labels = Int32Array.from({ length: n }, () => Math.floor(rng.uniform() * c));
    const oneHot = tf.tidy(() =>
      tf.cast(tf.oneHot(tf.tensor1d(labels, 'int32'), c), 'float32'),
    ) as tf.Tensor2D;
    const params = Float64Array.from({ length: d * c + c }, () => 0.5 * rng.normal());
    const run = vi.spyOn(tf.engine(), 'runKernel');
    const got = await expectNoLeak(async () => {
      const objective = probeValueAndGradient(x, labels, oneHot, weightDecay);
      try {
        return await objective.evaluate(params);
      } finally {
        objective.dispose();
      }
    });
    const fusedCalls = run.mock.calls.filter(
      ([name]) => name === TESSERA_KERNELS.softmaxRegression,
    );
    expect(fusedCalls).toHaveLength(backend === 'wasm' ? 1 : 0);
    run.mockRestore();
    const w = tf.tensor2d(Float32Array.from(params.subarray(0, d * c)), [d, c]);
    const b = tf.tensor1d(Float32Array.from(params.subarray(d * c)));
    const value = tf.tidy(() => probeObjective(w, b, x, oneHot, weightDecay));
    const [gw, gb] = tf.grads((ww: tf.Tensor, bb: tf.Tensor) =>
      probeObjective(ww as tf.Tensor2D, bb as tf.Tensor1D, x, oneHot, weightDecay),
    )([w, b]);
    const want = [...(await gw!.data()), ...(await gb!.data())];
    expect(Math.abs(got.value - (await value.data())[0]!)).toBeLessThan(1e-5 * got.value);
    const scale = Math.max(...want.map(Math.abs));
    const err = Math.max(...want.map((v, k) => Math.abs(v - got.gradient[k]!)));
    expect(err).toBeLessThan(1e-5 * scale);
    tf.dispose([x, oneHot, w, b, value, gw!, gb!]);
  });
});
