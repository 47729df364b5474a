import { describe, expect, it } from 'vitest';
import { REDUCTIONS } from '../types';
import { assertOneOf } from './assert-one-of';

describe('assertOneOf', () => {
  it('accepts allowed values', () => {
    expect(() => assertOneOf('mean', REDUCTIONS, 'f', 'reduction')).not.toThrow();
    expect(() => assertOneOf(2, [1, 2, 3], 'f', 'n')).not.toThrow();
  });

  it('throws: lists every allowed value and the one given', () => {
    expect(() => assertOneOf('avg', REDUCTIONS, 'ntXentLoss', 'reduction')).toThrow(
      /^ntXentLoss: reduction must be one of 'none', 'mean', 'sum', got 'avg'\.$/,
    );
    expect(() => assertOneOf(undefined, ['bce', 'mse'], 'reconstructionLoss', 'kind')).toThrow(
      /kind must be one of 'bce', 'mse', got undefined\./,
    );
    expect(() => assertOneOf('1', [1, 2], 'f', 'n')).toThrow(/n must be one of 1, 2, got '1'\./);
  });
});
