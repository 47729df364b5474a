import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { registerWasmTrainingKernels } from '@tessera/backends';
import { describeWithBackends, expectNoLeak } from '@tessera/test-utils';
import { expect, it, vi } from 'vitest';
import { conv2d } from './conv2d';
import { bits } from './layer-test-helpers';

// On wasm both paths run Tessera's native convolution kernels, on cpu TF.js's own.
registerWasmTrainingKernels();

type Args = Parameters<typeof tfl.layers.conv2d>[0];

/** Two layers with the same weights: tfjs-layers' stock one and ours. */
function pair(args: Args, inputShape: number[]) {
  const stock = tfl.layers.conv2d(args);
  const ours = conv2d(args);
  stock.build(inputShape);
  ours.build(inputShape);
  ours.setWeights(stock.getWeights());
  return { stock, ours };
}

/** Disposes layers' weights (`dispose()` wants a layer applied to symbolic inputs). */
function drop(...layers: tfl.layers.Layer[]) {
  for (const layer of layers) for (const w of layer.weights) w.dispose();
}

/**
 * Output, loss Σ r ⊙ layer(x) and its gradients — the kernel's only (`x` a constant input, as a
 * network's images) or the kernel's and the input's — with the kernels that ran for them.
 */
function run(layer: tfl.layers.Layer, x: tf.Tensor, r: tf.Tensor, withInput: boolean) {
  const kernel = layer.trainableWeights[0]!.read() as tf.Variable;
  const runKernel = vi.spyOn(tf.engine(), 'runKernel');
  const loss = (a: tf.Tensor) =>
    tf.sum(tf.mul(layer.apply(a, { training: true }) as tf.Tensor, r)) as tf.Scalar;
  let grads: tf.Tensor[];
  let value: tf.Scalar;
  if (withInput) {
    const [gx, gk] = tf.grads((a: tf.Tensor, k: tf.Tensor) => {
      const saved = kernel.clone();
      kernel.assign(k as tf.Tensor4D);
      const v = loss(a);
      kernel.assign(saved);
      saved.dispose();
      return v;
    })([x, kernel]);
    value = loss(x);
    grads = [gx!, gk!];
  } else {
    const out = tf.variableGrads(() => loss(x), [kernel]);
    value = out.value;
    grads = [out.grads[kernel.name]!];
  }
  const ran = runKernel.mock.calls.map(([name]) => name);
  runKernel.mockRestore();
  return { y: layer.apply(x) as tf.Tensor, value, grads, ran };
}

describeWithBackends('conv2d (input gradient on demand)', ({ backend }) => {
  it(`equals tfjs-layers' Conv2D to the bit and skips the input's gradient where nothing needs it [${backend}]`, async () => {
    const cases: Array<[Args, number[]]> = [
      [{ filters: 16, kernelSize: 3, padding: 'same', useBias: false }, [3, 9, 11, 8]],
      [{ filters: 8, kernelSize: 3, padding: 'valid', useBias: false, strides: 2 }, [2, 12, 10, 1]],
      [{ filters: 12, kernelSize: [5, 3], padding: 'same', useBias: false }, [2, 7, 6, 3]],
    ];
    for (const [args, shape] of cases) {
      const { stock, ours } = pair(args, shape);
      const x = tf.randomNormal(shape, 0, 1, 'float32', 5);
      const r = tf.randomNormal(ours.computeOutputShape(shape) as number[], 0, 1, 'float32', 6);
      for (const withInput of [false, true]) {
        const a = run(stock, x, r, withInput);
        const b = run(ours, x, r, withInput);
        expect((await bits(b.y)).equals(await bits(a.y))).toBe(true);
        expect((await bits(b.value)).equals(await bits(a.value))).toBe(true);
        for (let i = 0; i < a.grads.length; i++)
          expect((await bits(b.grads[i]!)).equals(await bits(a.grads[i]!))).toBe(true);
        // the stock layer's fused gradient computes the input's always; ours only when asked
        expect(a.ran.filter((k) => k === 'Conv2DBackpropInput')).toHaveLength(1);
        expect(b.ran.filter((k) => k === 'Conv2DBackpropInput')).toHaveLength(withInput ? 1 : 0);
        expect(b.ran).not.toContain('FusedConv2D');
        tf.dispose([a.y, a.value, ...a.grads, b.y, b.value, ...b.grads]);
      }
      tf.dispose([x, r]);
      drop(stock, ours);
    }
  });

  it(`leaves a bias, an activation, channels-first data and dilation to the stock layer [${backend}]`, async () => {
    const stockPaths: Array<[Args, number[]]> = [
      [{ filters: 8, kernelSize: 3, padding: 'same', useBias: true }, [2, 6, 6, 4]],
      [{ filters: 8, kernelSize: 3, useBias: false, activation: 'relu' }, [2, 6, 6, 4]],
    ];
    if (backend === 'cpu')
      stockPaths.push([
        { filters: 8, kernelSize: 3, useBias: false, dataFormat: 'channelsFirst' },
        [2, 4, 6, 6],
      ]);
    for (const [args, shape] of stockPaths) {
      const { stock, ours } = pair(args, shape);
      const x = tf.randomNormal(shape, 0, 1, 'float32', 7);
      const r = tf.randomNormal(ours.computeOutputShape(shape) as number[], 0, 1, 'float32', 8);
      const a = run(stock, x, r, false);
      const b = run(ours, x, r, false);
      expect(b.ran).toEqual(a.ran);
      expect((await bits(b.y)).equals(await bits(a.y))).toBe(true);
      expect((await bits(b.grads[0]!)).equals(await bits(a.grads[0]!))).toBe(true);
      tf.dispose([x, r, a.y, a.value, ...a.grads, b.y, b.value, ...b.grads]);
      drop(stock, ours);
    }
    // dilation: TF.js has no gradient for it at all; the forward runs the stock path
    const { stock, ours } = pair(
      { filters: 8, kernelSize: 3, useBias: false, dilationRate: 2 },
      [2, 9, 9, 4],
    );
    const x = tf.randomNormal([2, 9, 9, 4], 0, 1, 'float32', 7);
    const runKernel = vi.spyOn(tf.engine(), 'runKernel');
    const [a, b] = [stock.apply(x) as tf.Tensor, ours.apply(x) as tf.Tensor];
    const ran = runKernel.mock.calls.map(([name]) => name);
    runKernel.mockRestore();
    expect(ran.slice(ran.length / 2)).toEqual(ran.slice(0, ran.length / 2));
    expect(ran).toContain('FusedConv2D');
    expect((await bits(b)).equals(await bits(a))).toBe(true);
    tf.dispose([x, a, b]);
    drop(stock, ours);
  });

  it(`trains without leaking and keeps the stock class and config [${backend}]`, async () => {
    const layer = conv2d({ filters: 8, kernelSize: 3, useBias: false, name: 'plain_conv' });
    expect(layer.getClassName()).toBe('Conv2D');
    expect(layer.getConfig()).toMatchObject({ name: 'plain_conv', filters: 8, useBias: false });
    const x = tf.randomNormal([4, 8, 8, 2], 0, 1, 'float32', 9);
    layer.build(x.shape);
    const opt = tf.train.sgd(0.1);
    const step = () =>
      tf.tidy(() => {
        opt.minimize(() => tf.sum(tf.square(layer.apply(x) as tf.Tensor)) as tf.Scalar);
      });
    step();
    await expectNoLeak(step);
    x.dispose();
    drop(layer);
    opt.dispose();
  });
});
