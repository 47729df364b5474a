// Tessera's batch-norm training kernels (native/batch-norm-train.c, TESSERA_KERNELS in
// @tessera/core) on wasm against TF.js's composed ops on cpu: `moments`, and the gradient of
// Σ r ⊙ batchNorm(x, moments(x)) taken through the statistics — on the native path and on the
// plain-loop path used before the native kernels are ready. Runs here single-threaded and from
// node-threads.test.ts on two.
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { TESSERA_KERNELS } from '@tessera/core';
import { expectNoLeak } from '@tessera/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { maxRelativeError, randomTensor, useNativeKernels } from '../kernel-test-helpers';
import { setNativeKernelsEnabled } from './native-kernels';

const EPS = 1e-3;

const CASES = [
  { name: 'conv activations, 8 channels', shape: [4, 5, 6, 8] },
  { name: '6 channels (a SIMD tail)', shape: [3, 7, 5, 6] },
  { name: '3 channels (all tail), 600 rows', shape: [2, 300, 3] },
  { name: '2-D (a dense layer), 13 rows in 8 parts', shape: [13, 16] },
  {
    name: 'the small CNN’s first layer, 12 544 rows (13 blocks of 128 per part)',
    shape: [16, 28, 28, 32],
  },
  { name: 'values far from zero (mean 50, std 0.5)', shape: [8, 9, 9, 12], shift: 50, spread: 0.5 },
];

interface Case {
  shape: number[];
  shift?: number;
  spread?: number;
}

function inputs({ shape, shift = 0, spread = 1 }: Case) {
  const C = shape.at(-1) as number;
  return tf.tidy(() => ({
    x: tf.add(tf.mul(randomTensor(shape, 31), spread), shift),
    dy: randomTensor(shape, 32),
    scale: randomTensor([C], 33) as tf.Tensor1D,
    offset: randomTensor([C], 34) as tf.Tensor1D,
  }));
}

/** What TF.js's own ops give, on the current backend. */
async function composed(t: ReturnType<typeof inputs>) {
  const axes = t.x.shape.slice(0, -1).map((_, i) => i);
  const { mean, variance } = tf.moments(t.x, axes);
  const [dx, dScale, dOffset] = tf.grads((x: tf.Tensor, scale: tf.Tensor, offset: tf.Tensor) => {
    const m = tf.moments(x, axes);
    const y = tf.batchNorm(x, m.mean, m.variance, offset as tf.Tensor1D, scale as tf.Tensor1D, EPS);
    return tf.sum(tf.mul(y, t.dy));
  })([t.x, t.scale, t.offset]);
  const out = await Promise.all([mean, variance, dx!, dScale!, dOffset!].map((v) => v.data()));
  tf.dispose([mean, variance, dx!, dScale!, dOffset!]);
  return out;
}

/** What the kernels give, on the current backend. */
async function kernels(t: ReturnType<typeof inputs>) {
  const engine = tf.engine();
  const [mean, variance] = engine.runKernel(TESSERA_KERNELS.batchNormStats, { x: t.x }, {}) as [
    tf.Tensor1D,
    tf.Tensor1D,
  ];
  const grads = engine.runKernel(
    TESSERA_KERNELS.batchNormGrad,
    { dy: t.dy, x: t.x, mean, variance, scale: t.scale },
    { varianceEpsilon: EPS },
  ) as tf.Tensor[];
  const out = await Promise.all([mean, variance, ...grads].map((v) => v.data()));
  tf.dispose([mean, variance, ...grads]);
  return out;
}

describe('batch-norm training kernels on wasm', () => {
  const native = useNativeKernels();

  describe.each([
    ['native', true],
    ['plain loops (native kernels not ready)', false],
  ])('%s', (_, useNative) => {
    it.each(CASES)('match TF.js’s moments and gradient on cpu: $name', async (c) => {
      await tf.setBackend('cpu');
      const onCpu = inputs(c);
      const expected = await composed(onCpu);
      tf.dispose(Object.values(onCpu));
      await tf.setBackend('wasm');
      const t = inputs(c);
      setNativeKernelsEnabled(useNative);
      const run = vi.spyOn(native().pool, 'run');
      const actual = await expectNoLeak(() => kernels(t));
      // statistics: two passes; gradient: the sums, then dx
      expect(run).toHaveBeenCalledTimes(useNative ? 4 : 0);
      ['mean', 'variance', 'dx', 'dScale', 'dOffset'].forEach((name, k) => {
        const error = maxRelativeError(actual[k]!, expected[k]!);
        expect(error, `${name}: relative error ${error}`).toBeLessThanOrEqual(2e-5);
      });
      tf.dispose(Object.values(t));
    });
  });

  it('gives the same bits on every run', async () => {
    const t = inputs(CASES[4]!);
    const [a, b] = [await kernels(t), await kernels(t)];
    a.forEach((v, k) => expect(Array.from(v)).toEqual(Array.from(b[k]!)));
    tf.dispose(Object.values(t));
  });

  it('rejects inputs it cannot take, naming them', () => {
    const x = tf.ones([2, 3, 4]);
    const engine = tf.engine();
    expect(() =>
      engine.runKernel(TESSERA_KERNELS.batchNormStats, { x: tf.cast(x, 'int32') }, {}),
    ).toThrow(/input x must be float32, got int32/);
    const c = tf.ones([4]);
    const grad = (over: Record<string, tf.Tensor>, attrs: object = { varianceEpsilon: EPS }) =>
      engine.runKernel(
        TESSERA_KERNELS.batchNormGrad,
        { dy: x, x, mean: c, variance: c, scale: c, ...over },
        attrs as tf.NamedAttrMap,
      );
    expect(() => grad({ dy: tf.ones([2, 3, 5]) })).toThrow(/dy 2,3,5 and x 2,3,4 differ/);
    expect(() => grad({ scale: tf.ones([3]) })).toThrow(/scale must be \[4\], got \[3\]/);
    expect(() => grad({}, {})).toThrow(/varianceEpsilon must be a number/);
  });
});
