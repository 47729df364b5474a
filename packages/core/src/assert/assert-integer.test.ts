import { describe, expect, it } from 'vitest';
import { assertInteger } from './assert-integer';

describe('assertInteger', () => {
  it('accepts safe integers within bounds', () => {
    expect(() => assertInteger(3, 'f', 'k')).not.toThrow();
    expect(() => assertInteger(-7, 'f', 'k')).not.toThrow();
    expect(() => assertInteger(2, 'f', 'ways', { min: 2 })).not.toThrow();
    expect(() => assertInteger(10, 'f', 'k', { min: 0, max: 10 })).not.toThrow();
  });

  it.each([
    [2.5, {}, /^f: k must be an integer, got 2\.5\.$/],
    [2 ** 53, {}, /k must be an integer, got 9007199254740992\./],
    [Number.NaN, {}, /k must be an integer, got NaN/],
    ['3', {}, /k must be an integer, got '3'/],
    [1, { min: 2 }, /k must be an integer >= 2, got 1\./],
    [11, { max: 10 }, /k must be an integer <= 10, got 11\./],
    [11, { min: 0, max: 10 }, /k must be an integer in \[0, 10\], got 11\./],
  ])('throws: %s with %o', (value, bounds, message) => {
    expect(() => assertInteger(value, 'f', 'k', bounds)).toThrow(message);
  });
});
