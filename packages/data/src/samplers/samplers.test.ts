import { describe, expect, it } from 'vitest';
import { classSplit } from '../class-split';
import { classBalancedSampler } from './class-balanced-sampler';
import { episodeSampler } from './episode-sampler';
import { pairSampler } from './pair-sampler';
import { tripletSampler } from './triplet-sampler';

// 10 classes of unequal size (20 + 2c items), interleaved.
const labels = Int32Array.from({ length: 290 }, (_, i) => i % 10).map((c, i) =>
  i < 200 ? c : 5 + (i % 5),
);
const classOf = (i: number) => labels[i]!;

describe('episodeSampler', () => {
  it('C-way K-shot episodes: distinct classes, right classes and labels, support and query disjoint', () => {
    const sampler = episodeSampler({ labels, ways: 5, shots: 3, queries: 4, seed: 1 });
    for (const ep of sampler.take(200)) {
      expect(new Set(ep.classes).size).toBe(5);
      expect(ep.support.length).toBe(15);
      expect(ep.query.length).toBe(20);
      const support = new Set(ep.support);
      expect(ep.query.some((q) => support.has(q))).toBe(false);
      expect(new Set([...ep.support, ...ep.query]).size).toBe(35);
      ep.support.forEach((i, k) => expect(classOf(i)).toBe(ep.classes[ep.supportLabels[k]!]));
      ep.query.forEach((i, k) => expect(classOf(i)).toBe(ep.classes[ep.queryLabels[k]!]));
    }
  });

  it('draws every class equally often over many episodes (chi-square, 9 dof)', () => {
    const seen = new Array<number>(10).fill(0);
    for (const ep of episodeSampler({ labels, ways: 5, shots: 1, queries: 1, seed: 2 }).take(4000))
      ep.classes.forEach((c) => seen[c]!++);
    const expected = (4000 * 5) / 10;
    const chi2 = seen.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(33.7); // 99.99% quantile
  });

  it('is deterministic by seed', () => {
    const a = episodeSampler({ labels, ways: 3, shots: 2, seed: 7, queries: 2 }).take(5);
    const b = episodeSampler({ labels, ways: 3, shots: 2, seed: 7, queries: 2 }).take(5);
    const c = episodeSampler({ labels, ways: 3, shots: 2, seed: 8, queries: 2 }).take(5);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('throws: ways > classes, a class too small (named), non-integer labels, empty labels', () => {
    expect(() => episodeSampler({ labels, ways: 11, shots: 1 })).toThrow(
      /^episodeSampler: ways must be at most the number of classes \(10\), got 11\.$/,
    );
    expect(() =>
      episodeSampler({ labels: [0, 0, 1, 1, 1], ways: 2, shots: 2, queries: 1 }),
    ).toThrow(
      /^episodeSampler: labels must give every class at least shots \+ queries = 3 items, got class 0 with 2\.$/,
    );
    expect(() => episodeSampler({ labels: [0, 1.5], ways: 2, shots: 1 })).toThrow(
      /episodeSampler: labels must contain only int32 integers, got 1\.5 at index 1/,
    );
    expect(() => episodeSampler({ labels: [], ways: 2, shots: 1 })).toThrow(
      /^episodeSampler: labels must not be empty, got 0 items\.$/,
    );
    expect(() => episodeSampler({ labels, ways: 1, shots: 1 })).toThrow(
      /ways must be an integer >= 2, got 1/,
    );
  });
});

describe('classBalancedSampler', () => {
  it('P×K batches hold exactly P classes × K items, all distinct', () => {
    for (const batch of classBalancedSampler({
      labels,
      classesPerBatch: 4,
      samplesPerClass: 3,
      seed: 3,
    }).take(100)) {
      expect(batch.length).toBe(12);
      expect(new Set(batch).size).toBe(12);
      const perClass = new Map<number, number>();
      batch.forEach((i) => perClass.set(classOf(i), (perClass.get(classOf(i)) ?? 0) + 1));
      expect([...perClass.values()]).toEqual([3, 3, 3, 3]);
    }
  });

  it('throws: too few classes with K items', () => {
    expect(() =>
      classBalancedSampler({ labels: [0, 0, 1, 2, 2], classesPerBatch: 3, samplesPerClass: 2 }),
    ).toThrow(
      /^classBalancedSampler: classesPerBatch must be at most the number of classes with ≥ 2 items \(2\), got 3\.$/,
    );
  });
});

describe('pairSampler and tripletSampler', () => {
  it('pairs: the requested share of similar pairs, each labelled correctly, never an item with itself', () => {
    let similar = 0;
    let total = 0;
    for (const { a, b, similar: s } of pairSampler({
      labels,
      batchSize: 20,
      positiveFraction: 0.25,
      seed: 4,
    }).take(50)) {
      a.forEach((i, k) => {
        expect(i).not.toBe(b[k]);
        expect(s[k]).toBe(classOf(i) === classOf(b[k]!) ? 1 : 0);
      });
      similar += s.reduce((x, y) => x + y, 0);
      total += s.length;
    }
    expect(similar / total).toBe(0.25);
  });

  it('triplets: anchor and positive share a class and differ, the negative does not share it', () => {
    for (const { anchor, positive, negative } of tripletSampler({
      labels,
      batchSize: 16,
      seed: 5,
    }).take(50)) {
      anchor.forEach((i, k) => {
        expect(positive[k]).not.toBe(i);
        expect(classOf(positive[k]!)).toBe(classOf(i));
        expect(classOf(negative[k]!)).not.toBe(classOf(i));
      });
    }
  });

  it('throws: no similar or dissimilar pair possible', () => {
    expect(() => pairSampler({ labels: [0, 1, 2] })).toThrow(
      /^pairSampler: labels must have a class with at least 2 items to form similar pairs, got none\.$/,
    );
    expect(() => pairSampler({ labels: [3, 3, 3] })).toThrow(
      /^pairSampler: labels must have at least 2 classes to form dissimilar pairs, got 1 \(class 3\)\.$/,
    );
    expect(() => tripletSampler({ labels: [0, 1] })).toThrow(
      /^tripletSampler: labels must have at least 2 classes, one of them with 2 items/,
    );
  });
});

describe('classSplit', () => {
  it('splits items by class, in dataset order', () => {
    const { train, test } = classSplit({
      labels,
      trainClasses: [0, 1, 2, 3, 4],
      testClasses: [5, 6, 7, 8, 9],
    });
    expect(train.length + test.length).toBe(labels.length);
    expect(Array.from(train).every((i) => classOf(i) <= 4)).toBe(true);
    expect(Array.from(test).every((i) => classOf(i) >= 5)).toBe(true);
    expect(Array.from(train)).toEqual([...train].sort((x, y) => x - y));
  });

  it('throws: overlapping or unknown classes', () => {
    expect(() => classSplit({ labels, trainClasses: [0, 1], testClasses: [1, 2] })).toThrow(
      /^classSplit: trainClasses and testClasses must be disjoint, got 1 in both\.$/,
    );
    expect(() => classSplit({ labels, trainClasses: [0, 42], testClasses: [1] })).toThrow(
      /^classSplit: trainClasses must name classes present in labels, got 42, which has no items\.$/,
    );
  });
});
