import * as tf from '@tensorflow/tfjs-core';
import { describeWithBackends, expectNoLeak } from '@tessera/test-utils';
import { describe, expect, it } from 'vitest';
import { toFloat32Array, toFloat32ArrayAsync } from './to-float32-array';

describe('toFloat32Array (arrays)', () => {
  it('flattens nested arrays row-major', () => {
    expect(
      Array.from(
        toFloat32Array([
          [1, 2, 3],
          [4, 5, 6],
        ]),
      ),
    ).toEqual([1, 2, 3, 4, 5, 6]);
    expect(
      Array.from(
        toFloat32Array([
          [[1], [2]],
          [[3], [4]],
        ]),
      ),
    ).toEqual([1, 2, 3, 4]);
    expect(Array.from(toFloat32Array(7))).toEqual([7]);
    expect(toFloat32Array([]).length).toBe(0);
  });

  it('accepts rows that are typed arrays', () => {
    expect(Array.from(toFloat32Array([new Float64Array([1, 2]), new Int32Array([3, 4])]))).toEqual([
      1, 2, 3, 4,
    ]);
  });

  it('returns a Float32Array input itself and converts other typed arrays', () => {
    const f = new Float32Array([1, 2]);
    expect(toFloat32Array(f)).toBe(f);
    const u = toFloat32Array(new Uint8Array([0, 255]));
    expect(u).toBeInstanceOf(Float32Array);
    expect(Array.from(u)).toEqual([0, 255]);
  });

  it('throws: ragged nested arrays, naming the position', () => {
    expect(() =>
      toFloat32Array([[1, 2], [3]], { functionName: 'boxIou', argument: 'boxes1' }),
    ).toThrow(
      /^boxIou: boxes1 must be a rectangular nested array of shape \[2,2\], got length 1 at \[1\]\.$/,
    );
  });

  it('throws: non-numbers', () => {
    expect(() => toFloat32Array([[1, 'a']] as never)).toThrow(
      /toFloat32Array: x must contain only numbers, got 'a' at \[0,1\]/,
    );
    expect(() => toFloat32Array('abc' as never)).toThrow(
      /x must be a tensor, a number or an array of numbers, got 'abc'/,
    );
    expect(() => toFloat32Array([[1], 2] as never)).toThrow(/got 2 at \[1\]/);
  });
});

describeWithBackends('toFloat32Array (tensors)', () => {
  it('reads float32 and int32 tensors, copying the data', () => {
    const t = tf.tensor2d([
      [1, 2],
      [3, 4],
    ]);
    const out = toFloat32Array(t);
    expect(Array.from(out)).toEqual([1, 2, 3, 4]);
    out[0] = 99; // must not write into the tensor
    expect(Array.from(t.dataSync())).toEqual([1, 2, 3, 4]);
    const i = tf.tensor1d([5, 6], 'int32');
    expect(toFloat32Array(i)).toBeInstanceOf(Float32Array);
    tf.dispose([t, i]);
  });

  it('async twin gives the same values', async () => {
    const t = tf.tensor1d([0.5, -1.25, 3]);
    expect(Array.from(await toFloat32ArrayAsync(t))).toEqual([0.5, -1.25, 3]);
    expect(Array.from(await toFloat32ArrayAsync([[1], [2]]))).toEqual([1, 2]);
    t.dispose();
  });

  it('does not leak tensors', async () => {
    const t = tf.tensor2d([
      [1, 2],
      [3, 4],
    ]);
    await expectNoLeak(async () => {
      toFloat32Array(t);
      await toFloat32ArrayAsync(t);
    });
    t.dispose();
  });
});
