import { describe, expect, it } from 'vitest';
import { assertInRange } from './assert-in-range';

describe('assertInRange', () => {
  it('accepts values inside, ends included by default', () => {
    for (const v of [0, 0.5, 1]) expect(() => assertInRange(v, 0, 1, 'f', 'p')).not.toThrow();
  });

  it('throws: outside, with the interval in the message', () => {
    expect(() => assertInRange(1.5, 0, 1, 'randomGrayscale', 'p')).toThrow(
      /^randomGrayscale: p must be in \[0, 1\], got 1\.5\.$/,
    );
    expect(() => assertInRange(Number.NaN, 0, 1, 'f', 'p')).toThrow(
      /p must be in \[0, 1\], got NaN/,
    );
  });

  it('throws: open ends exclude the end point', () => {
    expect(() => assertInRange(0, 0, 1, 'nms', 'iouThreshold', { minInclusive: false })).toThrow(
      /nms: iouThreshold must be in \(0, 1\], got 0\./,
    );
    expect(() => assertInRange(1, 0, 1, 'f', 'x', { maxInclusive: false })).toThrow(
      /x must be in \[0, 1\), got 1\./,
    );
    expect(() => assertInRange(0.999, 0, 1, 'f', 'x', { maxInclusive: false })).not.toThrow();
  });

  it('throws: not a number', () => {
    expect(() => assertInRange(null, 0, 1, 'f', 'p')).toThrow(
      /p must be a number in \[0, 1\], got null\./,
    );
  });
});
