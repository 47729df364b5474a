import { describe, expect, it } from 'vitest';
import { assertPositive } from './assert-positive';

describe('assertPositive', () => {
  it('accepts positive numbers (and 0 with allowZero)', () => {
    expect(() => assertPositive(0.5, 'f', 'temperature')).not.toThrow();
    expect(() => assertPositive(Infinity, 'f', 'x')).not.toThrow();
    expect(() => assertPositive(0, 'f', 'margin', { allowZero: true })).not.toThrow();
  });

  it.each([
    [0, /^ntXentLoss: temperature must be > 0, got 0\.$/],
    [-1, /temperature must be > 0, got -1\./],
    [Number.NaN, /temperature must be > 0, got NaN\./],
    ['0.5', /temperature must be a number > 0, got '0\.5'\./],
    [undefined, /temperature must be a number > 0, got undefined\./],
  ])('throws: %s', (value, message) => {
    expect(() => assertPositive(value, 'ntXentLoss', 'temperature')).toThrow(message);
  });

  it('throws: negative with allowZero says >= 0', () => {
    expect(() => assertPositive(-0.1, 'contrastiveLoss', 'margin', { allowZero: true })).toThrow(
      /^contrastiveLoss: margin must be >= 0, got -0\.1\.$/,
    );
  });
});
