import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { registerWasmTrainingKernels } from '@tessera/backends';
import { createRng, TESSERA_KERNELS } from '@tessera/core';
import { describeWithBackends, expectNoLeak } from '@tessera/test-utils';
import { expect, it, vi } from 'vitest';
import { batchNormalization } from './batch-normalization';

// On wasm the fused layer runs Tessera's batch-norm kernels (TESSERA_KERNELS), which
// @tessera/backends registers there; on cpu, which has none, its composed gradient.
registerWasmTrainingKernels();

const random = (shape: number[], rng: ReturnType<typeof createRng>, scale = 1, offset = 0) =>
  tf.tensor(
    Float32Array.from(
      { length: shape.reduce((a, b) => a * b, 1) },
      () => offset + scale * rng.normal(),
    ),
    shape,
  );

const maxRelError = (a: tf.Tensor, b: tf.Tensor) => {
  const x = a.dataSync();
  const y = b.dataSync();
  let scale = 0;
  for (const v of y) scale = Math.max(scale, Math.abs(v));
  let worst = 0;
  x.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - (y[i] as number)))));
  return worst / Math.max(scale, 1e-12);
};

/** Output, moving statistics and gradients (x, γ, β) of a layer in training mode. */
function trainingStep(layer: tfl.layers.Layer, x: tf.Tensor, w: tf.Tensor) {
  const [gamma, beta] = layer.trainableWeights.map((v) => v.read());
  const f = (xs: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
    layer.trainableWeights[0]!.write(g);
    layer.trainableWeights[1]!.write(b);
    return tf.sum(tf.mul(layer.apply(xs, { training: true }) as tf.Tensor, w));
  };
  const y = layer.apply(x, { training: true }) as tf.Tensor;
  const { value, grads } = tf.valueAndGrads(f)([x, gamma!, beta!]);
  return { y, value, grads };
}

describeWithBackends('batchNormalization (fused training gradient)', ({ backend, epsilon }) => {
  for (const [label, shape] of [
    ['conv, NHWC', [6, 5, 7, 4]],
    ['dense, [N, C]', [16, 8]],
    ['one image, 3×3', [1, 3, 3, 5]],
  ] as const) {
    it(`equals tfjs-layers' batch norm — output, moving averages, dx, dγ, dβ [${label}, ${backend}]`, () => {
      for (const seed of [1, 2, 3]) {
        const rng = createRng(seed);
        const c = shape.at(-1)!;
        const x = random([...shape], rng, 2, 0.5);
        const w = random([...shape], rng);
        const layers = [
          tfl.layers.batchNormalization({ momentum: 0.9 }),
          batchNormalization({ momentum: 0.9 }),
        ];
        for (const l of layers) {
          l.build([null, ...shape.slice(1)]);
          l.setWeights([
            random([c], rng, 0.3, 1),
            random([c], rng, 0.3),
            random([c], rng, 0.1),
            random([c], rng, 0.1, 1),
          ]);
        }
        // the same γ, β and moving statistics in both
        layers[1]!.setWeights(layers[0]!.getWeights());
        const runKernel = vi.spyOn(tf.engine(), 'runKernel');
        const [stock, fused] = layers.map((l) => trainingStep(l, x, w));
        const ran = new Set(runKernel.mock.calls.map(([name]) => name));
        runKernel.mockRestore();
        for (const name of [TESSERA_KERNELS.batchNormStats, TESSERA_KERNELS.batchNormGrad])
          expect(ran.has(name), `${name} ran`).toBe(backend === 'wasm');
        const tol = epsilon < 1e-2 ? 2e-5 : 20 * epsilon; // float32 backends: relative to the largest entry
        expect(maxRelError(fused!.y, stock!.y)).toBeLessThan(tol);
        expect(maxRelError(fused!.value, stock!.value)).toBeLessThan(tol);
        for (let k = 0; k < 3; k++)
          expect(maxRelError(fused!.grads[k]!, stock!.grads[k]!), `gradient ${k}`).toBeLessThan(
            tol,
          );
        const [mStock, vStock] = layers[0]!.getWeights().slice(2);
        const [mFused, vFused] = layers[1]!.getWeights().slice(2);
        expect(maxRelError(mFused!, mStock!)).toBeLessThan(tol);
        expect(maxRelError(vFused!, vStock!)).toBeLessThan(tol);
        // inference uses the moving statistics, as the stock layer
        const yi = [layers[0]!, layers[1]!].map(
          (l) => l.apply(x, { training: false }) as tf.Tensor,
        );
        expect(maxRelError(yi[1]!, yi[0]!)).toBeLessThan(tol);
        tf.dispose([
          x,
          w,
          stock!.y,
          fused!.y,
          stock!.value,
          fused!.value,
          ...stock!.grads,
          ...fused!.grads,
          ...yi,
        ]);
        layers.forEach((l) => l.weights.forEach((v) => v.dispose()));
      }
    });
  }

  it(`trains without leaking and keeps the stock class and config [${backend}]`, async () => {
    const layer = batchNormalization({ name: 'bn_fused', momentum: 0.8 });
    expect(layer.getClassName()).toBe('BatchNormalization');
    expect(layer.getConfig()).toMatchObject({ momentum: 0.8, epsilon: 0.001, axis: -1 });
    const x = tf.randomNormal([4, 3, 3, 2], 0, 1, 'float32', 5);
    const opt = tf.train.sgd(0.1);
    layer.apply(x, { training: true });
    const step = () =>
      tf.tidy(() => {
        opt.minimize(
          () => tf.sum(tf.square(layer.apply(x, { training: true }) as tf.Tensor)) as tf.Scalar,
        );
      });
    step();
    await expectNoLeak(step);
    tf.dispose(x);
    opt.dispose();
    layer.dispose();
  });
});
