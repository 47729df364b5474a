// The native FusedBatchNorm (native/batch-norm.c) on wasm against cpu: per-channel and single-value
// statistics, with and without offset and scale, channel counts off the SIMD width, and the cases
// it leaves to the shipped kernel. Runs here single-threaded and from node-threads.test.ts on two.
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { expectNoLeak } from '@tessera/test-utils';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { maxRelativeError, randomTensor, startNativeKernels } from '../kernel-test-helpers';
import type { NativeKernels } from './native-kernels';

interface Case {
  name: string;
  x: number[];
  stats: number[]; // shape of mean and variance
  offset?: number[];
  scale?: number[];
  native: boolean;
}

const CASES: Case[] = [
  {
    name: 'per channel, 8 channels',
    x: [4, 5, 6, 8],
    stats: [8],
    offset: [8],
    scale: [8],
    native: true,
  },
  {
    name: 'per channel, 6 channels (a SIMD tail)',
    x: [3, 7, 5, 6],
    stats: [6],
    offset: [6],
    scale: [6],
    native: true,
  },
  { name: 'no offset or scale', x: [2, 4, 4, 12], stats: [12], native: true },
  {
    name: 'statistics shaped [1, 1, 1, C]',
    x: [2, 3, 3, 5],
    stats: [1, 1, 1, 5],
    scale: [1, 1, 1, 5],
    native: true,
  },
  { name: 'single-value statistics', x: [9, 7], stats: [1], offset: [7], scale: [1], native: true },
  {
    name: '2-D input (a dense layer), 13 rows in 8 parts',
    x: [13, 16],
    stats: [16],
    offset: [16],
    scale: [16],
    native: true,
  },
  {
    name: 'statistics per position (shipped kernel)',
    x: [2, 3, 4],
    stats: [2, 3, 4],
    native: false,
  },
];

describe('native FusedBatchNorm on wasm', () => {
  let native: NativeKernels;
  beforeAll(async () => {
    native = await startNativeKernels();
  });
  afterEach(() => vi.restoreAllMocks());

  it.each(CASES)('matches cpu: $name', async ({ x, stats, offset, scale, native: usesNative }) => {
    const xs = randomTensor(x, 21);
    const mean = randomTensor(stats, 22);
    const variance = tf.abs(randomTensor(stats, 23));
    const off = offset && randomTensor(offset, 24);
    const sc = scale && randomTensor(scale, 25);
    const norm = () => tf.batchNorm(xs, mean, variance, off, sc, 1e-3);
    const run = vi.spyOn(native.pool, 'run');
    const ours = await expectNoLeak(async () => {
      const y = norm();
      const v = await y.data();
      y.dispose();
      return v;
    });
    expect(run).toHaveBeenCalledTimes(usesNative ? 1 : 0);
    await tf.setBackend('cpu');
    const cpu = await norm().data();
    await tf.setBackend('wasm');
    expect(maxRelativeError(ours, cpu)).toBeLessThanOrEqual(1e-5);
    tf.dispose([xs, mean, variance, ...(off ? [off] : []), ...(sc ? [sc] : [])]);
  });
});
