import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../invalid-argument-error';
import { assertRank } from './assert-rank';

const t = (...shape: number[]) => ({ shape });

describe('assertRank', () => {
  it('accepts the allowed rank or ranks', () => {
    expect(() => assertRank(t(2, 3), 2, 'f', 'x')).not.toThrow();
    expect(() => assertRank(t(2, 3, 4, 1), [3, 4], 'f', 'x')).not.toThrow();
    expect(() => assertRank(t(), 0, 'f', 'x')).not.toThrow();
  });

  it('throws: wrong rank, naming function, argument, rank and shape', () => {
    expect(() => assertRank(t(2, 3, 4), 2, 'boxIou', 'boxes1')).toThrow(
      /^boxIou: boxes1 must be rank 2, got rank 3 \(shape \[2,3,4\]\)\.$/,
    );
    expect(() => assertRank(t(5), [3, 4], 'resize', 'images')).toThrow(
      /resize: images must be rank 3 or 4, got rank 1/,
    );
  });

  it('throws: not a tensor', () => {
    expect(() => assertRank([1, 2] as never, 1, 'f', 'x')).toThrow(
      /^f: x must be a tensor of rank 1, got \[1,2\]\.$/,
    );
    expect(() => assertRank(undefined as never, 2, 'f', 'x')).toThrow(
      /f: x must be a tensor of rank 2, got undefined/,
    );
  });

  it('throws InvalidArgumentError carrying the names', () => {
    try {
      assertRank(t(1), 2, 'ntXentLoss', 'z1');
      expect.unreachable();
    } catch (e) {
      expect(InvalidArgumentError.isInstance(e)).toBe(true);
      expect((e as InvalidArgumentError).functionName).toBe('ntXentLoss');
      expect((e as InvalidArgumentError).argument).toBe('z1');
    }
  });
});
