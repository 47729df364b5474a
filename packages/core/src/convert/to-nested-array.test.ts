import { describe, expect, it } from 'vitest';
import { toFloat64Array } from './to-float64-array';
import { toNestedArray } from './to-nested-array';

describe('toNestedArray', () => {
  it('reshapes row-major values', () => {
    expect(toNestedArray(new Float32Array([1, 2, 3, 4, 5, 6]), [2, 3])).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(toNestedArray([1, 2, 3, 4], [2, 1, 2])).toEqual([[[1, 2]], [[3, 4]]]);
    expect(toNestedArray([9], [])).toBe(9);
    expect(toNestedArray([], [0, 3])).toEqual([]);
  });

  it('inverts toFloat64Array', () => {
    const nested = [
      [
        [1, 2],
        [3, 4],
      ],
      [
        [5, 6],
        [7, 8],
      ],
    ];
    expect(toNestedArray(toFloat64Array(nested), [2, 2, 2])).toEqual(nested);
  });

  it('throws: length does not match the shape', () => {
    expect(() => toNestedArray([1, 2, 3], [2, 2])).toThrow(
      /^toNestedArray: values must have 4 elements for shape \[2,2\], got 3\.$/,
    );
  });

  it('throws: bad shape', () => {
    expect(() => toNestedArray([1, 2], [2.5])).toThrow(
      /toNestedArray: shape\[0\] must be an integer >= 0, got 2\.5/,
    );
  });
});
