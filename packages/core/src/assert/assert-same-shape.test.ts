import { describe, expect, it } from 'vitest';
import type { InvalidArgumentError } from '../invalid-argument-error';
import { assertSameShape } from './assert-same-shape';

describe('assertSameShape', () => {
  it('accepts equal shapes', () => {
    expect(() =>
      assertSameShape({ shape: [8, 128] }, { shape: [8, 128] }, 'f', 'a', 'b'),
    ).not.toThrow();
  });

  it('throws: different shapes, in the documented form', () => {
    expect(() =>
      assertSameShape({ shape: [8, 128] }, { shape: [8, 64] }, 'ntXentLoss', 'z1', 'z2'),
    ).toThrow(/^ntXentLoss: z1 and z2 must have the same shape, got \[8,128\] and \[8,64\]\.$/);
    expect(() => assertSameShape({ shape: [8] }, { shape: [8, 1] }, 'f', 'p', 'z')).toThrow(
      /got \[8\] and \[8,1\]/,
    );
  });

  it('throws: not a tensor, naming the bad argument', () => {
    try {
      assertSameShape({ shape: [1] }, 3 as never, 'f', 'a', 'b');
      expect.unreachable();
    } catch (e) {
      expect((e as InvalidArgumentError).message).toMatch(/^f: b must be a tensor, got 3\.$/);
      expect((e as InvalidArgumentError).argument).toBe('b');
    }
  });
});
