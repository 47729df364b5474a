import { describe, expect, it } from 'vitest';
import { assertFinite } from './assert-finite';

describe('assertFinite', () => {
  it('accepts finite numbers and arrays of them', () => {
    expect(() => assertFinite(0, 'f', 'x')).not.toThrow();
    expect(() => assertFinite([1, -2, 3e30], 'f', 'x')).not.toThrow();
    expect(() => assertFinite(new Float32Array([0.5, 1]), 'f', 'x')).not.toThrow();
    expect(() => assertFinite([], 'f', 'x')).not.toThrow();
  });

  it('throws: a non-finite number', () => {
    expect(() => assertFinite(Number.NaN, 'pretrain', 'learningRate')).toThrow(
      /^pretrain: learningRate must be a finite number, got NaN\.$/,
    );
    expect(() => assertFinite(-Infinity, 'f', 'x')).toThrow(
      /x must be a finite number, got -Infinity/,
    );
  });

  it('throws: the index of the first non-finite element', () => {
    expect(() => assertFinite([1, 2, 3, Number.NaN], 'averagePrecision', 'scores')).toThrow(
      /^averagePrecision: scores must contain only finite numbers, got NaN at index 3\.$/,
    );
    expect(() => assertFinite(new Float64Array([Infinity]), 'f', 'x')).toThrow(
      /got Infinity at index 0/,
    );
    expect(() => assertFinite([1, 'a'] as never, 'f', 'x')).toThrow(/got 'a' at index 1/);
  });

  it('throws: not numbers at all', () => {
    expect(() => assertFinite('abc' as never, 'f', 'x')).toThrow(
      /x must be a number or an array of numbers, got 'abc'/,
    );
  });
});
