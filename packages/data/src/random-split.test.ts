import { describe, expect, it } from 'vitest';
import { randomSplit } from './random-split';

describe('randomSplit', () => {
  it('holds out round(fraction · count) of each class, disjoint from the rest, seeded', () => {
    const labels = Int32Array.from({ length: 103 }, (_, i) => (i < 50 ? 0 : i < 100 ? 1 : 2));
    const { train, validation } = randomSplit(103, 0.2, { labels, seed: 3 });
    const count = (part: Int32Array, y: number) => part.filter((i) => labels[i] === y).length;
    expect([0, 1, 2].map((y) => count(validation, y))).toEqual([10, 10, 1]);
    expect([0, 1, 2].map((y) => count(train, y))).toEqual([40, 40, 2]);
    expect([...train, ...validation].sort((a, b) => a - b)).toEqual([...labels.keys()]);
    expect(Array.from(validation)).toEqual([...validation].sort((a, b) => a - b));
    const again = randomSplit(103, 0.2, { labels, seed: 3 });
    expect(Array.from(again.validation)).toEqual(Array.from(validation));
    const other = randomSplit(103, 0.2, { labels, seed: 4 });
    expect(Array.from(other.validation)).not.toEqual(Array.from(validation));
  });

  it('splits unlabelled items as one group, and keeps a class of one item in training', () => {
    expect(randomSplit(10, 0.25).validation.length).toBe(3); // round(2.5) = 3
    const { validation } = randomSplit(4, 0.5, { labels: [0, 0, 0, 1] });
    expect(validation.length).toBe(2);
    expect(validation.includes(3)).toBe(false);
  });

  it('throws on a fraction outside (0, 1), an empty part or labels of another length', () => {
    expect(() => randomSplit(10, 1)).toThrow(
      /^randomSplit: fraction must be in \(0, 1\), got 1\.$/,
    );
    expect(() => randomSplit(10, 0.5, { labels: [0, 1] })).toThrow(
      /^randomSplit: labels must have one class per item \(10\), got 2\.$/,
    );
    expect(() => randomSplit(3, 0.5, { labels: [0, 1, 2] })).toThrow(
      /^randomSplit: fraction 0\.5 of 3 items leaves no validation item\.$/,
    );
    expect(() => randomSplit(1, 0.5)).toThrow(
      /^randomSplit: size must be an integer ≥ 2, got 1\.$/,
    );
  });
});
