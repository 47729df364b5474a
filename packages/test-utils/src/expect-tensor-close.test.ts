import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { describeWithBackends } from './describe-with-backends';
import { expectTensorClose } from './expect-tensor-close';

describe('expectTensorClose (arrays)', () => {
  it('passes within rtol/atol and fails outside', () => {
    expect(() => expectTensorClose([1, 2], [1 + 1e-6, 2])).not.toThrow();
    expect(() => expectTensorClose([1000], [1000.05])).not.toThrow(); // 5e-5 relative < 1e-4
    expect(() => expectTensorClose([1000], [1000.5])).toThrow(/1 of 1 values differ/);
    expect(() => expectTensorClose([0.1], [0.2], { atol: 0.2 })).not.toThrow();
  });

  it('names the first bad index, its position, both values and both arrays', () => {
    expect(() =>
      expectTensorClose(
        [
          [1, 2],
          [3, 4],
        ],
        [
          [1, 2],
          [3, 5],
        ],
      ),
    ).toThrow(
      /1 of 4 values differ \(rtol 0\.0001, atol 0\.00001\); first at index 3 \(\[1,1\]\): actual 4, expected 5,[^\n]*\nactual: {3}\[1, 2, 3, 4\]\nexpected: \[1, 2, 3, 5\]/,
    );
  });

  it('treats NaN as equal to NaN and infinities as equal to themselves only', () => {
    expect(() => expectTensorClose([Number.NaN, Infinity], [Number.NaN, Infinity])).not.toThrow();
    expect(() => expectTensorClose([0], [Number.NaN])).toThrow(/actual 0, expected NaN/);
    expect(() => expectTensorClose([Infinity], [-Infinity])).toThrow(/differ/);
  });

  it('fails on shape or size mismatch', () => {
    expect(() => expectTensorClose([[1, 2]], [[1], [2]])).toThrow(
      /shapes differ, actual \[1,2\] vs expected \[2,1\]/,
    );
    expect(() => expectTensorClose(new Float32Array(3), new Float32Array(4))).toThrow(
      /sizes differ/,
    );
  });
});

describeWithBackends('expectTensorClose (tensors)', () => {
  it('compares a tensor with nested arrays and checks its shape', () => {
    const t = tf.tensor2d([[0.5, 1.5]]);
    expect(() => expectTensorClose(t, [[0.5, 1.5]])).not.toThrow();
    expect(() => expectTensorClose(t, [0.5, 1.5])).toThrow(/shapes differ/);
    t.dispose();
  });
});
