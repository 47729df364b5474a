import * as tf from '@tensorflow/tfjs-core';
import { describeWithBackends, expectNoLeak } from '@tessera/test-utils';
import { describe, expect, it } from 'vitest';
import { toInt32Array, toInt32ArrayAsync } from './to-int32-array';

describe('toInt32Array (arrays)', () => {
  it('converts integer arrays and returns an Int32Array input itself', () => {
    expect(
      Array.from(
        toInt32Array([
          [0, 1],
          [2, -3],
        ]),
      ),
    ).toEqual([0, 1, 2, -3]);
    expect(Array.from(toInt32Array(new Float64Array([4, 5])))).toEqual([4, 5]);
    const i = new Int32Array([1]);
    expect(toInt32Array(i)).toBe(i);
  });

  it.each([
    [[0, 1.5], /^toInt32Array: labels must contain only int32 integers, got 1\.5 at index 1\.$/],
    [[Number.NaN], /got NaN at index 0/],
    [[2 ** 31], /got 2147483648 at index 0/],
  ])('throws: %j is not int32', (input, message) => {
    expect(() => toInt32Array(input, { argument: 'labels' })).toThrow(message);
  });
});

describeWithBackends('toInt32Array (tensors)', () => {
  it('reads int32 tensors and float tensors holding integers', async () => {
    const i = tf.tensor1d([3, 1, 2], 'int32');
    const f = tf.tensor1d([7, 8]);
    expect(Array.from(toInt32Array(i))).toEqual([3, 1, 2]);
    expect(Array.from(await toInt32ArrayAsync(f))).toEqual([7, 8]);
    tf.dispose([i, f]);
  });

  it('throws: a float tensor with fractions', async () => {
    const f = tf.tensor1d([1, 2.5]);
    await expect(
      toInt32ArrayAsync(f, { functionName: 'episodeSampler', argument: 'labels' }),
    ).rejects.toThrow(
      /^episodeSampler: labels must contain only int32 integers, got 2\.5 at index 1\.$/,
    );
    f.dispose();
  });

  it('does not leak tensors', async () => {
    const i = tf.tensor1d([1, 2], 'int32');
    await expectNoLeak(async () => {
      toInt32Array(i);
      await toInt32ArrayAsync(i);
    });
    i.dispose();
  });
});
