import * as tf from '@tensorflow/tfjs-core';
import { describeWithBackends, expectNoLeak } from '@tessera/test-utils';
import { describe, expect, it } from 'vitest';
import { toFloat64Array, toFloat64ArrayAsync } from './to-float64-array';

describe('toFloat64Array (arrays)', () => {
  it('keeps the exact doubles of plain arrays', () => {
    const out = toFloat64Array([
      [0.1, 0.2],
      [1 / 3, 1e-300],
    ]);
    expect(Array.from(out)).toEqual([0.1, 0.2, 1 / 3, 1e-300]);
  });

  it('returns a Float64Array input itself', () => {
    const f = new Float64Array([1]);
    expect(toFloat64Array(f)).toBe(f);
  });

  it('throws: ragged input', () => {
    expect(() =>
      toFloat64Array(
        [
          [1, 2],
          [3, 4, 5],
        ],
        { functionName: 'evaluateCoco', argument: 'bbox' },
      ),
    ).toThrow(
      /^evaluateCoco: bbox must be a rectangular nested array of shape \[2,2\], got length 3 at \[1\]\.$/,
    );
  });
});

describeWithBackends('toFloat64Array (tensors)', () => {
  it('widens float32 tensor values exactly', async () => {
    const t = tf.tensor1d([0.1, 2.5]);
    const f32 = Math.fround(0.1);
    expect(Array.from(toFloat64Array(t))).toEqual([f32, 2.5]);
    expect(Array.from(await toFloat64ArrayAsync(t))).toEqual([f32, 2.5]);
    t.dispose();
  });

  it('does not leak tensors', async () => {
    const t = tf.ones([3, 3]);
    await expectNoLeak(async () => {
      toFloat64Array(t);
      await toFloat64ArrayAsync(t);
    });
    t.dispose();
  });
});
