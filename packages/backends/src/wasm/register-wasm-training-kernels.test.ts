import * as tf from '@tensorflow/tfjs-core';
import { describeWithBackends, expectNoLeak } from '@tessera/test-utils';
import { expect, it } from 'vitest';
import { grads, maxRelativeError, onCpuAndWasm, randomTensor } from './kernel-test-helpers';
import { CONV_CASES } from './conv-test-cases';
import { registerWasmTrainingKernels } from './register-wasm-training-kernels';

const DEPTHWISE_CASES: Array<{
  name: string;
  x: number[];
  w: number[];
  strides: number;
  pad: 'same' | 'valid';
}> = [
  {
    name: 'stride 1, multiplier 1, same',
    x: [2, 8, 8, 3],
    w: [3, 3, 3, 1],
    strides: 1,
    pad: 'same',
  },
  {
    name: 'stride 2, multiplier 2, same',
    x: [2, 9, 9, 3],
    w: [3, 3, 3, 2],
    strides: 2,
    pad: 'same',
  },
  { name: 'stride 1, 5×5, valid', x: [1, 10, 9, 4], w: [5, 5, 4, 1], strides: 1, pad: 'valid' },
];

describeWithBackends(
  'registerWasmTrainingKernels',
  () => {
    it('adds the four missing kernels and Tessera’s own kernels once, idempotently', () => {
      const first = registerWasmTrainingKernels();
      expect([...first.added].sort()).toEqual([
        'Conv2DBackpropFilter',
        'DepthwiseConv2dNativeBackpropFilter',
        'DepthwiseConv2dNativeBackpropInput',
        'TesseraBatchNormGrad',
        'TesseraBatchNormStats',
        'TesseraConv2DMaxPool',
        'TesseraGlobalAvgPoolGrad',
        'TesseraGram',
        'TesseraHardestPairs',
        'TesseraInt16MatMul',
        'TesseraReluGrad',
        'TesseraScaledSymmetricMatMul',
        'TesseraScaledSymmetricSum',
        'TesseraSoftmaxOffDiagonal',
        'TesseraSoftmaxRegression',
        'TesseraTopKColumns',
        'UnsortedSegmentSum',
      ]);
      expect(first.shipped).toEqual([]);
      expect(first.replaced).toEqual([
        'Conv2D',
        'FusedConv2D',
        'Conv2DBackpropInput',
        'BatchMatMul',
        'Sum',
        'Mean',
        'Tile',
        'MaxPoolGrad',
        'FusedBatchNorm',
        'Identity',
        'Cast',
        'GatherV2',
        'Slice',
        'SplitV',
        'MirrorPad',
        'Transpose',
      ]);
      const again = registerWasmTrainingKernels();
      expect([...again.added].sort()).toEqual([...first.added].sort());
      expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
    });

    it.each(CONV_CASES)('conv2d gradients match cpu: $name', async ({ x, w, strides, pad }) => {
      registerWasmTrainingKernels();
      const op = (a: tf.Tensor4D, b: tf.Tensor4D) => tf.conv2d(a, b, strides, pad);
      const { cpu, wasm } = await onCpuAndWasm(() => grads(op, x, w));
      expect(maxRelativeError(wasm.gw, cpu.gw)).toBeLessThanOrEqual(1e-5);
      expect(maxRelativeError(wasm.gx, cpu.gx)).toBeLessThanOrEqual(1e-5);
    });

    it.each(DEPTHWISE_CASES)(
      'depthwise conv gradients match cpu: $name',
      async ({ x, w, strides, pad }) => {
        registerWasmTrainingKernels();
        const op = (a: tf.Tensor4D, b: tf.Tensor4D) => tf.depthwiseConv2d(a, b, strides, pad);
        const { cpu, wasm } = await onCpuAndWasm(() => grads(op, x, w));
        expect(maxRelativeError(wasm.gw, cpu.gw)).toBeLessThanOrEqual(1e-5);
        expect(maxRelativeError(wasm.gx, cpu.gx)).toBeLessThanOrEqual(1e-5);
      },
    );

    it.each([
      [false, false],
      [true, false],
      [false, true],
      [true, true],
    ])('matMul with transposeA=%s, transposeB=%s matches cpu, 2-D and batched', async (ta, tb) => {
      registerWasmTrainingKernels();
      const run = async () => {
        const a = randomTensor(ta ? [7, 5] : [5, 7], 11) as tf.Tensor2D;
        const b = randomTensor(tb ? [3, 7] : [7, 3], 12) as tf.Tensor2D;
        const a3 = randomTensor(ta ? [2, 7, 5] : [2, 5, 7], 13) as tf.Tensor3D;
        const b3 = randomTensor(tb ? [2, 3, 7] : [2, 7, 3], 14) as tf.Tensor3D;
        const y = tf.matMul(a, b, ta, tb);
        const y3 = tf.matMul(a3, b3, ta, tb);
        const out = [Array.from(await y.data()), Array.from(await y3.data())];
        tf.dispose([a, b, a3, b3, y, y3]);
        return out;
      };
      const { cpu, wasm } = await onCpuAndWasm(run);
      expect(maxRelativeError(wasm[0]!, cpu[0]!)).toBeLessThanOrEqual(1e-6);
      expect(maxRelativeError(wasm[1]!, cpu[1]!)).toBeLessThanOrEqual(1e-6);
    });

    it.each([
      { shape: [64, 32, 40], axes: [0, 1], keepDims: false },
      { shape: [16, 28, 28, 8], axes: [0, 1, 2], keepDims: true },
      { shape: [2053, 37], axes: [0], keepDims: false }, // a prime row count: no pooling window
      { shape: [4099, 2, 16], axes: [0], keepDims: true }, // prime, above the small size
      { shape: [3000, 40], axes: [0, 1], keepDims: false }, // a full reduction
      { shape: [12, 7], axes: [0], keepDims: false }, // small: the shipped kernel
      { shape: [50, 30, 20], axes: [1, 2], keepDims: false }, // trailing axes: shipped kernel
      { shape: [64, 14, 14, 32], axes: [1, 2], keepDims: false }, // global average pooling
      { shape: [40, 7, 9, 64], axes: [2, 1], keepDims: true }, // the same, axes unsorted
      { shape: [4, 10, 12, 3], axes: [1, 2], keepDims: false }, // small: the shipped kernel
    ])(
      'sum and mean over $axes of $shape match cpu (keepDims $keepDims)',
      async ({ shape, axes, keepDims }) => {
        registerWasmTrainingKernels();
        const run = async () => {
          const x = randomTensor(shape, 21);
          const s = tf.sum(x, axes, keepDims);
          const m = tf.mean(x, axes, keepDims);
          const out = { s: await s.data(), m: await m.data(), shape: s.shape, mShape: m.shape };
          tf.dispose([x, s, m]);
          return out;
        };
        const { cpu, wasm } = await onCpuAndWasm(run);
        expect(wasm.shape).toEqual(cpu.shape);
        expect(wasm.mShape).toEqual(cpu.mShape);
        // the sums of n ≈ N(0, 1) values are ≈ √n; compare on that scale
        const n = shape.reduce((a, b) => a * b, 1) / cpu.s.length;
        const tol = 1e-5 * Math.sqrt(n);
        cpu.s.forEach((v, i) => expect(Math.abs(wasm.s[i]! - v)).toBeLessThanOrEqual(tol));
        cpu.m.forEach((v, i) => expect(Math.abs(wasm.m[i]! - v)).toBeLessThanOrEqual(tol / n));
      },
    );

    it.each([
      { shape: [1, 1, 1, 16], reps: [8, 5, 5, 1] },
      { shape: [1, 3, 4], reps: [300, 1, 1] },
      { shape: [2, 3], reps: [3, 2] }, // a general tiling: the shipped kernel
      { shape: [1, 5], reps: [2, 2] }, // repeats a trailing axis: the shipped kernel
    ])(
      'tile $shape by $reps matches cpu, and so does its broadcast use',
      async ({ shape, reps }) => {
        registerWasmTrainingKernels();
        const run = async () => {
          const x = randomTensor(shape, 22);
          const y = tf.tile(x, reps);
          const out = { y: await y.data(), shape: y.shape };
          tf.dispose([x, y]);
          return out;
        };
        const { cpu, wasm } = await onCpuAndWasm(run);
        expect(wasm.shape).toEqual(cpu.shape);
        expect(Array.from(wasm.y)).toEqual(Array.from(cpu.y));
      },
    );

    it('batch-norm gradients (sum, mean and tile inside) match cpu', async () => {
      registerWasmTrainingKernels();
      const run = async () => {
        const x = randomTensor([32, 12, 12, 8], 23);
        const r = randomTensor([32, 12, 12, 8], 24);
        const gamma = randomTensor([8], 25);
        const beta = randomTensor([8], 26);
        const g = tf.grads((a: tf.Tensor, s: tf.Tensor) => {
          const { mean, variance } = tf.moments(a, [0, 1, 2]);
          return tf.sum(tf.mul(tf.batchNorm(a, mean, variance, beta, s, 1e-3), r));
        })([x, gamma]);
        const out = [await g[0]!.data(), await g[1]!.data()];
        tf.dispose([x, r, gamma, beta, ...g]);
        return out;
      };
      const { cpu, wasm } = await onCpuAndWasm(run);
      expect(maxRelativeError(wasm[0]!, cpu[0]!)).toBeLessThanOrEqual(1e-4);
      expect(maxRelativeError(wasm[1]!, cpu[1]!)).toBeLessThanOrEqual(1e-5);
    });

    it('gather gradient (UnsortedSegmentSum) matches cpu, repeated indices summed', async () => {
      registerWasmTrainingKernels();
      const run = async () => {
        const x = randomTensor([6, 4], 5);
        const idx = tf.tensor1d([0, 2, 2, 5, 0, 0], 'int32');
        const r = randomTensor([6, 4], 6);
        const g = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.gather(a, idx), r)))(x);
        const out = await g.data();
        tf.dispose([x, idx, r, g]);
        return out;
      };
      const { cpu, wasm } = await onCpuAndWasm(run);
      expect(maxRelativeError(wasm, cpu)).toBeLessThanOrEqual(1e-6);
    });

    it('does not leak tensors or backend memory in a conv gradient and batch-norm reductions', async () => {
      registerWasmTrainingKernels();
      await tf.setBackend('wasm');
      const x = randomTensor([2, 8, 8, 3], 1);
      const w = randomTensor([3, 3, 3, 4], 2);
      const big = randomTensor([64, 32, 40], 3);
      const step = () => {
        tf.tidy(() =>
          tf.grad((b: tf.Tensor) =>
            tf.sum(tf.conv2d(x as tf.Tensor4D, b as tf.Tensor4D, 2, 'same')),
          )(w),
        ).dispose();
        tf.tidy(() => [
          tf.sum(big, [0, 1]),
          tf.mean(big, [0, 1]),
          tf.sum(big, [0]),
          tf.tile(tf.ones([1, 1, 40]), [64, 32, 1]),
        ]).forEach((t) => t.dispose());
      };
      step();
      const dataIdsBefore = (tf.backend() as unknown as { numDataIds(): number }).numDataIds();
      await expectNoLeak(() => {
        for (let i = 0; i < 5; i++) step();
      });
      expect((tf.backend() as unknown as { numDataIds(): number }).numDataIds()).toBe(
        dataIdsBefore,
      );
      tf.dispose([x, w, big]);
    });
  },
  { backends: ['wasm'] },
);
