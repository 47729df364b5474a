// TesseraConv2DMaxPool on wasm: the fused loop (native/conv-max-pool.c, below 4 input channels)
// and the FusedConv2D + MaxPool it otherwise runs, against cpu's convolution and pool; input
// checks; the same bits on every run; leak-free. Runs on the single-threaded build here and on
// two threads from node-threads.test.ts.
import * as tf from '@tensorflow/tfjs-core';
import { TESSERA_KERNELS } from '@tessera/core';
import { expectNoLeak } from '@tessera/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { maxRelativeError, randomTensor, useNativeKernels } from '../kernel-test-helpers';
import { KERNEL, setNativeKernelsEnabled } from './native-kernels';

type Activation = 'linear' | 'relu' | 'relu6';

const maxAbs = (values: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < values.length; i++) m = Math.max(m, Math.abs(values[i]!));
  return m;
};

const convMaxPool = (x: tf.Tensor, filter: tf.Tensor, bias: tf.Tensor, activation?: Activation) =>
  tf
    .engine()
    .runKernel(
      TESSERA_KERNELS.conv2dMaxPool,
      { x, filter, bias },
      activation ? { activation } : {},
    ) as tf.Tensor4D;

/** The same on cpu by its convolution and pool, and the largest |value| before the activation. */
async function onCpu(x: tf.Tensor, filter: tf.Tensor, bias: tf.Tensor, activation: Activation) {
  await tf.setBackend('cpu');
  const conv = (act: Activation) =>
    tf.fused.conv2d({
      x: x as tf.Tensor4D,
      filter: filter as tf.Tensor4D,
      bias,
      strides: 1,
      pad: 'same',
      activation: act,
    });
  const pooled = tf.tidy(() => tf.maxPool(conv(activation), 2, 2, 'valid'));
  const expected = { shape: pooled.shape, values: await pooled.data() };
  const linear = conv('linear');
  const scale = maxAbs(await linear.data());
  tf.dispose([pooled, linear]);
  await tf.setBackend('wasm');
  return { ...expected, scale };
}

const CASES = [
  // the small CNN's first layer and pool: 1 channel, 28×28 → 14×14, 32 filters (4 tiles of 8)
  { name: 'the small CNN’s first layer', x: [6, 28, 28, 1], w: [3, 3, 1, 32] },
  // odd height and width (the last row and column are dropped), 12 filters (a tile and 4 lanes)
  { name: 'odd sides, a channel tail', x: [5, 9, 7, 2], w: [3, 3, 2, 12] },
  // a 5×5 filter (two pixels of padding), 3 filters (lanes 1–3 of one tile), 3 input channels
  { name: '5×5 filter, 3 filters', x: [3, 10, 8, 3], w: [5, 5, 3, 3] },
  // an even filter: 'same' pads 0 above and 1 below
  { name: '2×2 filter', x: [2, 7, 6, 1], w: [2, 2, 1, 8] },
  // 1×1: no padding at all, every window inside
  { name: '1×1 filter', x: [4, 6, 6, 1], w: [1, 1, 1, 8] },
  // 2×2 images: one pooled pixel, every tap of it in the padding or the image's border
  { name: 'one pooled pixel', x: [3, 2, 2, 1], w: [3, 3, 1, 8] },
];

describe('TesseraConv2DMaxPool on wasm', () => {
  const native = useNativeKernels();

  it.each(CASES.flatMap((c) => (['linear', 'relu', 'relu6'] as const).map((a) => ({ ...c, a }))))(
    'the fused loop matches cpu’s convolution and pool: $name, $a',
    async ({ x, w, a }) => {
      const xs = tf.mul(randomTensor(x, 11), 3); // some values past relu6's 6
      const ws = randomTensor(w, 12);
      const bias = randomTensor([w[3]!], 13);
      const run = vi.spyOn(native().pool, 'run');
      const ours = convMaxPool(xs, ws, bias, a === 'linear' ? undefined : a);
      expect(run.mock.calls.map((c) => c[0])).toEqual([KERNEL.convMaxPoolPart]);
      const cpu = await onCpu(xs, ws, bias, a);
      expect(ours.shape).toEqual([x[0], Math.floor(x[1]! / 2), Math.floor(x[2]! / 2), w[3]]);
      expect(ours.shape).toEqual(cpu.shape);
      const values = await ours.data();
      // errors relative to the largest value computed (before the activation clamps it)
      const error = (maxRelativeError(values, cpu.values) * maxAbs(cpu.values)) / cpu.scale;
      expect(error).toBeLessThanOrEqual(1e-5);
      if (a === 'relu6') expect(maxAbs(values)).toBe(6);
      tf.dispose([xs, ws, bias, ours]);
    },
  );

  it('runs FusedConv2D then MaxPool from 4 input channels, and before the native kernels start', async () => {
    for (const [x, w, enabled] of [
      [[3, 10, 9, 8], [3, 3, 8, 16], true],
      [[3, 12, 12, 1], [3, 3, 1, 8], false],
    ] as const) {
      setNativeKernelsEnabled(enabled);
      const xs = randomTensor([...x], 21);
      const ws = randomTensor([...w], 22);
      const bias = randomTensor([w[3]], 23);
      const run = vi.spyOn(native().pool, 'run');
      const ours = convMaxPool(xs, ws, bias, 'relu');
      expect(run.mock.calls.map((c) => c[0])).not.toContain(KERNEL.convMaxPoolPart);
      run.mockRestore();
      const cpu = await onCpu(xs, ws, bias, 'relu');
      expect(ours.shape).toEqual(cpu.shape);
      expect(maxRelativeError(await ours.data(), cpu.values)).toBeLessThanOrEqual(1e-5);
      tf.dispose([xs, ws, bias, ours]);
      setNativeKernelsEnabled(true);
    }
  });

  it('says what is wrong with its inputs', () => {
    const xs = tf.zeros([1, 4, 4, 1]);
    const ws = tf.zeros([3, 3, 1, 8]);
    const bias = tf.zeros([8]);
    expect(() => convMaxPool(xs, tf.zeros([3, 3, 2, 8]), bias)).toThrow(
      /x and filter must be \[N, H, W, C\] and \[KH, KW, C, O\], got \[1,4,4,1\] and \[3,3,2,8\]/,
    );
    expect(() => convMaxPool(xs, ws, tf.zeros([4]))).toThrow(/bias must be \[8\], got \[4\]/);
    expect(() =>
      tf.engine().runKernel(
        TESSERA_KERNELS.conv2dMaxPool,
        { x: xs, filter: ws, bias },
        {
          activation: 'tanh',
        },
      ),
    ).toThrow(/activation must be 'linear', 'relu' or 'relu6', got tanh/);
    expect(() => convMaxPool(tf.zeros([1, 4, 4, 1], 'int32'), ws, bias)).toThrow(
      /input x must be float32, got int32/,
    );
  });

  it('gives the same bits on every run, whichever thread takes which rows', async () => {
    const xs = randomTensor([37, 14, 14, 1], 31);
    const ws = randomTensor([3, 3, 1, 16], 32);
    const bias = randomTensor([16], 33);
    const first = await convMaxPool(xs, ws, bias, 'relu').data();
    for (let r = 0; r < 4; r++) {
      const again = await convMaxPool(xs, ws, bias, 'relu').data();
      expect(Buffer.from(again.buffer).equals(Buffer.from(first.buffer))).toBe(true);
    }
    tf.dispose([xs, ws, bias]);
  });

  it('leaks no tensor and frees its scratch buffer, fused or not', async () => {
    const bias = randomTensor([8], 41);
    for (const c of [1, 4]) {
      const xs = randomTensor([4, 8, 8, c], 42);
      const ws = randomTensor([3, 3, c, 8], 43);
      const malloc = vi.spyOn(native(), 'malloc');
      const free = vi.spyOn(native(), 'free');
      await expectNoLeak(() => {
        for (let i = 0; i < 5; i++) convMaxPool(xs, ws, bias, 'relu').dispose();
      });
      expect(free.mock.calls.map((call) => call[0])).toEqual(
        malloc.mock.results.map((r) => r.value),
      );
      vi.restoreAllMocks();
      tf.dispose([xs, ws]);
    }
    bias.dispose();
  });
});
