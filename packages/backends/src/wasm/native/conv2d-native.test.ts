// The native convolution (native/conv2d.c) on wasm: Conv2D, FusedConv2D and the input gradient
// that runs through it, against cpu and against the XNNPACK kernels it replaces; the same bits on
// every run; leak-free. Runs on the single-threaded build here and on two threads from
// node-threads.test.ts.
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { expectNoLeak } from '@tessera/test-utils';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CONV_CASES, WINOGRAD_CONV_CASES, type Pad } from '../conv-test-cases';
import { maxRelativeError, randomTensor } from '../kernel-test-helpers';
import { registerWasmTrainingKernels } from '../register-wasm-training-kernels';
import {
  KERNEL,
  nativeKernels,
  prepareNativeKernels,
  setNativeKernelsEnabled,
  type NativeKernels,
} from './native-kernels';
import { useRelaxedSimd } from './relaxed-simd';
import { channelsLastConvInfo } from '../conv2d';
import { setWinogradOutputTile, winogradTile } from './winograd';

// Winograd F(4×4, 3×3) (or, forced, F(2×2, 3×3)) runs 3×3 stride-1 cases with input channels a
// multiple of 4 (at least 8) and output channels a multiple of 8; the direct loop runs the rest.
const WINOGRAD_CASES = [
  ...WINOGRAD_CONV_CASES,
  {
    name: 'Winograd, the reference network’s conv3',
    x: [4, 14, 14, 64],
    w: [3, 3, 64, 128],
    strides: 1,
    pad: 'same' as Pad,
  },
];

const CASES = [
  ...CONV_CASES,
  // the same geometries with 6 input channels (most above have fewer than 4, left to XNNPACK) and
  // 8 more output channels: a full 8-channel tile and the same tail
  ...CONV_CASES.map((c) => ({
    ...c,
    name: `${c.name}, 6 → ${c.w[3]! + 8} channels`,
    x: [...c.x.slice(0, 3), 6],
    w: [...c.w.slice(0, 2), 6, c.w[3]! + 8],
  })),
  // 12 output channels (an 8-channel tile and 4 left over), 5 input channels, width 7 (a 4-pixel
  // tile and 3 left over), 11 images × 7 rows in 16 parts
  {
    name: 'channel and pixel tails',
    x: [11, 7, 7, 5],
    w: [3, 3, 5, 12],
    strides: 1,
    pad: 'same' as Pad,
  },
  // 3 output channels: a single partial tile (lanes 1–3 only)
  {
    name: 'fewer than 4 output channels',
    x: [3, 6, 9, 4],
    w: [3, 3, 4, 3],
    strides: 1,
    pad: 'same' as Pad,
  },
  ...WINOGRAD_CASES,
];

/** Runs `fn` with the native kernels, then with them off (XNNPACK), then on cpu. */
async function threeWays(fn: () => tf.Tensor, native: NativeKernels) {
  const run = vi.spyOn(native.pool, 'run');
  const ours = await fn().data();
  // the convolution's own runs: the input gradient also transposes its filter (native/transpose.c)
  const kernels = run.mock.calls.map((c) => c[0]).filter((k) => k !== KERNEL.transposePart);
  const calls = kernels.length;
  setNativeKernelsEnabled(false);
  const xnnpack = await fn().data();
  setNativeKernelsEnabled(true);
  expect(run.mock.calls.filter((c) => c[0] !== KERNEL.transposePart)).toHaveLength(calls);
  run.mockRestore();
  await tf.setBackend('cpu');
  const cpu = await fn().data();
  await tf.setBackend('wasm');
  return { ours, xnnpack, cpu, calls, kernels };
}

describe('native convolution on wasm', () => {
  let native: NativeKernels;
  beforeAll(async () => {
    registerWasmTrainingKernels();
    await tf.setBackend('wasm');
    const started = await prepareNativeKernels(tf.backend());
    expect(started).toEqual({
      ok: true,
      threads: getThreadsCount(),
      failures: [],
      instructions: useRelaxedSimd() ? 'relaxed-simd' : 'simd128',
    });
    native = nativeKernels(tf.backend()) as NativeKernels;
  });
  afterEach(() => {
    setNativeKernelsEnabled(true);
    setWinogradOutputTile(null);
    vi.restoreAllMocks();
  });

  it.each(CASES)('Conv2D matches cpu and XNNPACK: $name', async ({ name, x, w, strides, pad }) => {
    const xs = randomTensor(x, 21) as tf.Tensor4D;
    const ws = randomTensor(w, 22) as tf.Tensor4D;
    const winograd = name.startsWith('Winograd');
    // Winograd cases: the output tile chosen by size, then each tile forced
    for (const tile of winograd ? [null, 2, 4] : [null]) {
      setWinogradOutputTile(tile as 2 | 4 | null);
      const r = await threeWays(() => tf.conv2d(xs, ws, strides, pad), native);
      const chosen = tile ?? winogradTile(channelsLastConvInfo(x, w, { strides, pad }));
      const kernel = !winograd
        ? KERNEL.convPart
        : chosen === 2
          ? KERNEL.winogradPart
          : KERNEL.winograd4Part;
      // fewer than 4 input channels stay on XNNPACK
      expect(r.kernels, `tile ${tile}`).toEqual(x[3]! < 4 ? [] : [kernel]);
      expect(maxRelativeError(r.ours, r.cpu), `tile ${tile}`).toBeLessThanOrEqual(1e-5);
      expect(maxRelativeError(r.ours, r.xnnpack), `tile ${tile}`).toBeLessThanOrEqual(1e-5);
    }
    tf.dispose([xs, ws]);
  });

  it.each([
    ...(['linear', 'relu', 'relu6'] as const).map((activation) => ({ activation, c: 6, o: 12 })),
    ...(['linear', 'relu', 'relu6'] as const).map((activation) => ({ activation, c: 8, o: 16 })),
  ])(
    'FusedConv2D with a bias and $activation matches cpu and XNNPACK ($c → $o channels)',
    async ({ activation, c, o }) => {
      const xs = tf.mul(randomTensor([5, 9, 10, c], 31), 3) as tf.Tensor4D; // some values past 6
      const ws = randomTensor([3, 3, c, o], 32) as tf.Tensor4D;
      const bias = randomTensor([o], 33) as tf.Tensor1D;
      const fused = () =>
        tf.fused.conv2d({ x: xs, filter: ws, strides: 1, pad: 'same', bias, activation });
      const r = await threeWays(fused, native);
      expect(r.calls).toBe(1);
      // errors relative to the largest value computed (before the activation clamps it)
      await tf.setBackend('cpu');
      const linear = tf.fused.conv2d({ x: xs, filter: ws, strides: 1, pad: 'same', bias });
      const scale = Math.max(...(await linear.data()).map(Math.abs));
      linear.dispose();
      await tf.setBackend('wasm');
      const error = (a: ArrayLike<number>, b: ArrayLike<number>) =>
        (maxRelativeError(a, b) * Math.max(...Array.from(b, Math.abs))) / scale;
      expect(error(r.ours, r.cpu)).toBeLessThanOrEqual(1e-5);
      expect(error(r.ours, r.xnnpack)).toBeLessThanOrEqual(1e-5);
      if (activation !== 'linear') expect(Math.min(...r.ours)).toBe(0);
      if (activation === 'relu6') expect(Math.max(...r.ours)).toBe(6);
      tf.dispose([xs, ws, bias]);
    },
  );

  it('leaves what it does not fuse to the shipped kernel (leaky ReLU, PReLU)', async () => {
    const xs = randomTensor([2, 6, 6, 3], 41) as tf.Tensor4D;
    const ws = randomTensor([3, 3, 3, 4], 42) as tf.Tensor4D;
    const alpha = tf.fill([4], 0.2);
    const run = vi.spyOn(native.pool, 'run');
    const conv = { x: xs, filter: ws, strides: 1, pad: 'same' } as const;
    const cases = [
      () => tf.fused.conv2d({ ...conv, activation: 'leakyrelu', leakyreluAlpha: 0.1 }),
      () => tf.fused.conv2d({ ...conv, activation: 'prelu', preluActivationWeights: alpha }),
    ];
    for (const make of cases) {
      const ours = await make().data();
      await tf.setBackend('cpu');
      const cpu = await make().data();
      await tf.setBackend('wasm');
      expect(maxRelativeError(ours, cpu)).toBeLessThanOrEqual(1e-5);
    }
    expect(run).not.toHaveBeenCalled();
    tf.dispose([xs, ws, alpha]);
  });

  it.each([CASES.find((c) => c.name.includes('tails'))!, ...WINOGRAD_CASES])(
    'the input gradient runs through it and matches cpu: $name',
    async ({ x, w, strides, pad }) => {
      const xs = randomTensor(x, 51) as tf.Tensor4D;
      const ws = randomTensor(w, 52) as tf.Tensor4D;
      const dy = randomTensor(
        tf.tidy(() => tf.conv2d(xs, ws, strides, pad).shape),
        53,
      ) as tf.Tensor4D;
      const grad = () =>
        tf.conv2dTranspose(dy, ws, x as [number, number, number, number], strides, pad);
      for (const tile of [2, 4] as const) {
        setWinogradOutputTile(tile);
        const r = await threeWays(grad, native);
        expect(r.calls).toBe(1);
        expect(maxRelativeError(r.ours, r.cpu), `tile ${tile}`).toBeLessThanOrEqual(1e-5);
      }
      tf.dispose([xs, ws, dy]);
    },
  );

  it('gives the same bits on every run, whichever thread takes which rows', async () => {
    const xs = randomTensor([37, 14, 14, 8], 61) as tf.Tensor4D;
    const ws = randomTensor([3, 3, 8, 16], 62) as tf.Tensor4D;
    const first = await tf.conv2d(xs, ws, 1, 'same').data();
    for (let r = 0; r < 6; r++) {
      const again = await tf.conv2d(xs, ws, 1, 'same').data();
      expect(Buffer.from(again.buffer).equals(Buffer.from(first.buffer))).toBe(true);
    }
    tf.dispose([xs, ws]);
  });

  it('leaks no tensor and frees its scratch buffer', async () => {
    const xs = randomTensor([6, 10, 10, 4], 71) as tf.Tensor4D;
    const ws = randomTensor([3, 3, 4, 8], 72) as tf.Tensor4D;
    const malloc = vi.spyOn(native, 'malloc');
    const free = vi.spyOn(native, 'free');
    await expectNoLeak(() => {
      for (let i = 0; i < 5; i++) tf.conv2d(xs, ws, 1, 'same').dispose();
    });
    expect(malloc).toHaveBeenCalledTimes(5);
    expect(free.mock.calls.map((c) => c[0])).toEqual(malloc.mock.results.map((r) => r.value));
    tf.dispose([xs, ws]);
  });
});
