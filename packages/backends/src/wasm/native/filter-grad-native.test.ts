// The native filter-gradient kernels (native/filter-grad.c, native/winograd-filter-grad.c,
// native/winograd4-filter-grad.c) on wasm: against cpu and against the XNNPACK formulation they
// replace, to the bit across runs, leak-free, and failing loudly. Runs on the single-threaded
// build here and again on two threads from node-threads.test.ts.
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { expectNoLeak } from '@tessera/test-utils';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CONV_CASES, WINOGRAD_CONV_CASES, type Pad } from '../conv-test-cases';
import { maxRelativeError, randomTensor } from '../kernel-test-helpers';
import { registerWasmTrainingKernels } from '../register-wasm-training-kernels';
import { NATIVE_SOURCE_FILES, NATIVE_SOURCE_SHA256 } from './kernels-wasm';
import {
  KERNEL,
  nativeKernels,
  prepareNativeKernels,
  setNativeKernelsEnabled,
  type NativeKernels,
} from './native-kernels';
import { useRelaxedSimd } from './relaxed-simd';
import { setWinogradOutputTile, winogradFilterTile } from './winograd';

const CASES = [
  ...CONV_CASES,
  // 11 images in 8 parts of 1 or 2; 6 input channels (a 4-row tile and 2 rows left over),
  // 12 output channels (an 8-column tile and 4 left over)
  {
    name: 'uneven parts, channel tails',
    x: [11, 9, 8, 6],
    w: [3, 3, 6, 12],
    strides: 1,
    pad: 'same' as Pad,
  },
  // Winograd F(3×3, 2×2) and F(3×3, 4×4): 3×3 stride 1, input channels a multiple of 4 (≥ 8),
  // output of 8
  ...WINOGRAD_CONV_CASES,
  {
    name: 'Winograd, the reference network’s conv2',
    x: [2, 28, 28, 32],
    w: [3, 3, 32, 64],
    strides: 1,
    pad: 'same' as Pad,
  },
  {
    name: 'Winograd, the reference network’s conv3',
    x: [3, 14, 14, 64],
    w: [3, 3, 64, 128],
    strides: 1,
    pad: 'same' as Pad,
  },
  // 3 × 3 outputs (one partial 4×4 tile), 10 × 6 (partial tiles both ways) over 19 images
  {
    name: 'Winograd, one partial tile',
    x: [5, 5, 5, 8],
    w: [3, 3, 8, 8],
    strides: 1,
    pad: 'valid' as Pad,
  },
  {
    name: 'Winograd, many images, partial tiles',
    x: [19, 10, 6, 16],
    w: [3, 3, 16, 24],
    strides: 1,
    pad: 'same' as Pad,
  },
  {
    name: 'full tiles, stride 2',
    x: [9, 12, 10, 8],
    w: [3, 3, 8, 16],
    strides: 2,
    pad: 'valid' as Pad,
  },
];

function filterGrad(
  x: tf.Tensor,
  dy: tf.Tensor,
  w: number[],
  strides: number | [number, number],
  pad: Pad,
) {
  return tf
    .engine()
    .runKernel(
      'Conv2DBackpropFilter',
      { x, dy },
      { strides, pad, dataFormat: 'NHWC', filterShape: w },
    ) as tf.Tensor;
}

async function inputs(x: number[], w: number[], strides: number | [number, number], pad: Pad) {
  const xs = randomTensor(x, 11);
  const info = tf.backend_util.computeConv2DInfo(
    x as [number, number, number, number],
    w as [number, number, number, number],
    strides,
    1,
    pad,
  );
  const dy = randomTensor([x[0]!, info.outHeight, info.outWidth, w[3]!], 12);
  return { xs, dy, info };
}

describe('native filter gradient on wasm', () => {
  let native: NativeKernels;
  beforeAll(async () => {
    registerWasmTrainingKernels();
    await tf.setBackend('wasm');
    const started = await prepareNativeKernels(tf.backend());
    // as many threads as XNNPACK: 1 on the single-threaded build, 2 from node-threads.test.ts
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

  it('is built from the C sources in the repository (rebuild with scripts/build-native.mjs)', () => {
    const hash = createHash('sha256');
    const files = NATIVE_SOURCE_FILES;
    const folder = new URL('../../../native/', import.meta.url);
    // every source in the folder is built and hashed (a new file cannot be left out)
    expect(readdirSync(folder).sort()).toEqual([...files].sort());
    for (const file of files) hash.update(readFileSync(new URL(file, folder)));
    expect(hash.digest('hex')).toBe(NATIVE_SOURCE_SHA256);
  });

  it.each(CASES)(
    'matches cpu and the XNNPACK formulation: $name',
    async ({ name, x, w, strides, pad }) => {
      const { xs, dy, info } = await inputs(x, w, strides, pad);
      const winograd = name.startsWith('Winograd');
      setNativeKernelsEnabled(false);
      const xnnpack = await filterGrad(xs, dy, w, strides, pad).data();
      setNativeKernelsEnabled(true);
      await tf.setBackend('cpu');
      const cpu = await filterGrad(xs, dy, w, strides, pad).data();
      await tf.setBackend('wasm');
      // Winograd cases: the tile of dy chosen by size, then each tile forced
      for (const tile of winograd ? [null, 2, 4] : [null]) {
        setWinogradOutputTile(tile as 2 | 4 | null);
        const run = vi.spyOn(native.pool, 'run');
        const ours = await filterGrad(xs, dy, w, strides, pad).data();
        const chosen = tile ?? winogradFilterTile(info);
        const kernel = !winograd
          ? KERNEL.filterGradPart
          : chosen === 4
            ? KERNEL.winograd4FilterGradPart
            : KERNEL.winogradFilterGradPart;
        expect(
          run.mock.calls.map((c) => c[0]),
          `tile ${tile}`,
        ).toEqual([kernel]);
        run.mockRestore();
        expect(maxRelativeError(ours, cpu), `tile ${tile}`).toBeLessThanOrEqual(1e-5);
        expect(maxRelativeError(ours, xnnpack), `tile ${tile}`).toBeLessThanOrEqual(1e-5);
      }
      tf.dispose([xs, dy]);
    },
  );

  it('gives the same bits on every run, whichever thread takes which part', async () => {
    const { xs, dy } = await inputs([37, 14, 14, 8], [3, 3, 8, 16], 1, 'same');
    const first = await filterGrad(xs, dy, [3, 3, 8, 16], 1, 'same').data();
    for (let r = 0; r < 6; r++) {
      const again = await filterGrad(xs, dy, [3, 3, 8, 16], 1, 'same').data();
      expect(Buffer.from(again.buffer).equals(Buffer.from(first.buffer))).toBe(true);
    }
    tf.dispose([xs, dy]);
  });

  it('leaks no tensor and frees every scratch buffer', async () => {
    const { xs, dy } = await inputs([20, 10, 10, 4], [3, 3, 4, 8], 1, 'same');
    const malloc = vi.spyOn(native, 'malloc');
    const free = vi.spyOn(native, 'free');
    await expectNoLeak(() => {
      for (let i = 0; i < 5; i++) filterGrad(xs, dy, [3, 3, 4, 8], 1, 'same').dispose();
    });
    expect(malloc).toHaveBeenCalledTimes(5);
    expect(free.mock.calls.map((c) => c[0])).toEqual(malloc.mock.results.map((r) => r.value));
    tf.dispose([xs, dy]);
  });

  it('throws (and does not hang) when a part traps, and runs the next job normally', async () => {
    const bad = [0xfffffff0, 0xfffffff0, 4, 8, 8, 4, 8, 8, 8, 3, 3, 1, 1, 1, 1];
    const out = native.malloc(4 * 3 * 3 * 4 * 8 * 4);
    expect(() =>
      native.pool.run(KERNEL.filterGradPart, bad, [out, out + 1152, out + 2304, out + 3456]),
    ).toThrow(/filter_grad_part' failed on a part/);
    native.free(out);
    const { xs, dy } = await inputs([4, 6, 6, 2], [3, 3, 2, 8], 1, 'same');
    const ours = await filterGrad(xs, dy, [3, 3, 2, 8], 1, 'same').data();
    await tf.setBackend('cpu');
    const cpu = await filterGrad(xs, dy, [3, 3, 2, 8], 1, 'same').data();
    await tf.setBackend('wasm');
    expect(maxRelativeError(ours, cpu)).toBeLessThanOrEqual(1e-5);
    tf.dispose([xs, dy]);
  });
});
