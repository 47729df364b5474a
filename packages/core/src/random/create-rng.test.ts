import * as tf from '@tensorflow/tfjs-core';
import { describeWithBackends } from '@tessera/test-utils';
import { describe, expect, it } from 'vitest';
import { createRng } from './create-rng';
import type { RngState } from './rng';
import { splitmix64 } from './splitmix64';

// Reference values from Blackman & Vigna's C code (xoshiro128starstar.c, splitmix64.c), compiled
// with gcc: seed → splitmix64 → two 64-bit words → state [lo(a), hi(a), lo(b), hi(b)].
const C_REFERENCE = {
  splitmix64_1234567: [6457827717110365317n, 3203168211198807973n, 9817491932198370423n],
  state1234: [11520, 0, 5927040, 70819200, 2031721883, 1637235492],
  seeds: [
    {
      seed: 0,
      state: [2065550767, 3793791033, 2713282036, 1853398634],
      out: [3737715805, 2584255861, 2876756834, 3286328325, 1553311962, 1625202774],
    },
    {
      seed: 42,
      state: [803958421, 3184996902, 2993090819, 686809907],
      out: [1776835114, 4165204688, 17111135, 2317295270, 2792088233, 2554630222],
    },
    // -1 is taken modulo 2^64 = 18446744073709551615
    {
      seed: -1,
      state: [459615264, 3839455607, 3690365641, 3919575143],
      out: [477689756, 2493998634, 555695776, 607808419, 61340979, 301466976],
    },
  ],
};

const draw = <T>(n: number, f: () => T): T[] => Array.from({ length: n }, f);
const stateOf = (state: number[]): RngState => ({
  algorithm: 'xoshiro128**',
  state: state as never,
  spareNormal: null,
});

function moments(xs: number[]) {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const m2 = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / n;
  const m4 = xs.reduce((a, x) => a + (x - mean) ** 4, 0) / n;
  return { mean, variance: m2, kurtosis: m4 / m2 ** 2 };
}

function chiSquare(counts: number[], expected: number): number {
  return counts.reduce((a, c) => a + (c - expected) ** 2 / expected, 0);
}

describe('createRng: reference vectors', () => {
  it('splitmix64 matches the C reference', () => {
    expect(splitmix64(1234567n, 3)).toEqual(C_REFERENCE.splitmix64_1234567);
  });

  it('xoshiro128** from state {1,2,3,4} matches the C reference', () => {
    const rng = createRng(stateOf([1, 2, 3, 4]));
    expect(draw(6, () => rng.nextUint32())).toEqual(C_REFERENCE.state1234);
  });

  it.each(C_REFERENCE.seeds)(
    'seed $seed gives the C reference state and outputs',
    ({ seed, state, out }) => {
      const rng = createRng(seed);
      expect(rng.getState().state).toEqual(state);
      expect(draw(6, () => rng.nextUint32())).toEqual(out);
    },
  );
});

describe('createRng: determinism and state', () => {
  it('the same seed gives the same stream for every method', () => {
    const run = (seed: number) => {
      const r = createRng(seed);
      return [
        r.next(),
        r.nextInt(1000),
        r.uniform(-2, 3),
        r.normal(),
        r.normal(5, 2),
        r.bernoulli(0.5),
        Array.from(r.permutation(8)),
        Array.from(r.sample(3, 100)),
        r.shuffle([1, 2, 3, 4, 5]),
        r.tfSeed(),
      ];
    };
    expect(run(7)).toEqual(run(7));
    expect(run(7)).not.toEqual(run(8));
  });

  it('getState resumes exactly, including a cached normal', () => {
    const a = createRng(123);
    a.normal(); // leaves the Box–Muller partner cached
    const saved = JSON.parse(JSON.stringify(a.getState())) as RngState;
    expect(saved.spareNormal).not.toBeNull();
    const b = createRng(saved);
    expect(draw(5, () => b.normal())).toEqual(draw(5, () => a.normal()));
    expect(draw(5, () => b.nextUint32())).toEqual(draw(5, () => a.nextUint32()));
  });

  it('fork gives child streams that differ from the parent and from each other, deterministically', () => {
    const parent = createRng(5);
    const c1 = parent.fork();
    const c2 = parent.fork();
    const s1 = draw(1000, () => c1.next());
    const s2 = draw(1000, () => c2.next());
    const sp = draw(1000, () => parent.next());
    expect(s1).not.toEqual(s2);
    expect(s1).not.toEqual(sp);
    // Uncorrelated: |r| of 1000 pairs of independent uniforms is < 0.15 with overwhelming probability.
    const corr = (x: number[], y: number[]) => {
      const mx = moments(x).mean;
      const my = moments(y).mean;
      const cov = x.reduce((a, xi, i) => a + (xi - mx) * ((y[i] as number) - my), 0);
      const sx = Math.sqrt(x.reduce((a, xi) => a + (xi - mx) ** 2, 0));
      const sy = Math.sqrt(y.reduce((a, yi) => a + (yi - my) ** 2, 0));
      return cov / (sx * sy);
    };
    expect(Math.abs(corr(s1, s2))).toBeLessThan(0.15);
    expect(Math.abs(corr(s1, sp))).toBeLessThan(0.15);
    const again = createRng(5).fork();
    expect(draw(1000, () => again.next())).toEqual(s1);
  });
});

describe('createRng: distributions', () => {
  const N = 100_000;

  it('next() is uniform on [0, 1): mean 1/2, variance 1/12', () => {
    const rng = createRng(1);
    const xs = draw(N, () => rng.next());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const { mean, variance } = moments(xs);
    // Standard error of the mean: sqrt(1/12 / 1e5) ≈ 9.1e-4; bounds are > 5 standard errors.
    expect(Math.abs(mean - 0.5)).toBeLessThan(5e-3);
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(2e-3);
  });

  it('normal() has mean 0, variance 1, kurtosis 3 (1e5 samples)', () => {
    const rng = createRng(2);
    const { mean, variance, kurtosis } = moments(draw(N, () => rng.normal()));
    // Standard errors: mean 3.2e-3, variance 4.5e-3, kurtosis 1.5e-2.
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(variance - 1)).toBeLessThan(0.03);
    expect(Math.abs(kurtosis - 3)).toBeLessThan(0.1);
  });

  it('normal(mean, std) scales and shifts', () => {
    const rng = createRng(3);
    const { mean, variance } = moments(draw(N, () => rng.normal(10, 3)));
    expect(Math.abs(mean - 10)).toBeLessThan(0.06);
    expect(Math.abs(variance - 9)).toBeLessThan(0.3);
  });

  it('nextInt(10) is uniform (chi-square, 9 dof, 99.99% quantile 33.7)', () => {
    const rng = createRng(4);
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < N; i++) counts[rng.nextInt(10)]! += 1;
    expect(chiSquare(counts, N / 10)).toBeLessThan(33.7);
  });

  it('nextInt has no modulo bias: for n = 3·2^30 a third of draws fall below 2^30', () => {
    // Plain `x % n` would put half the draws there.
    const rng = createRng(5);
    const n = 3 * 2 ** 30;
    let low = 0;
    for (let i = 0; i < N; i++) if (rng.nextInt(n) < 2 ** 30) low++;
    expect(Math.abs(low / N - 1 / 3)).toBeLessThan(0.01);
  });

  it('nextInt edge cases: n = 1 and n = 2^32', () => {
    const rng = createRng(6);
    expect(draw(10, () => rng.nextInt(1))).toEqual(new Array(10).fill(0));
    const big = draw(1000, () => rng.nextInt(2 ** 32));
    expect(big.every((v) => Number.isInteger(v) && v >= 0 && v < 2 ** 32)).toBe(true);
  });

  it('uniform(low, high) stays in range with the right mean', () => {
    const rng = createRng(7);
    const xs = draw(N, () => rng.uniform(2, 5));
    expect(xs.every((x) => x >= 2 && x < 5)).toBe(true);
    expect(Math.abs(moments(xs).mean - 3.5)).toBeLessThan(0.02);
  });

  it('bernoulli(p) is true with frequency p', () => {
    const rng = createRng(8);
    const hits = draw(N, () => rng.bernoulli(0.3)).filter(Boolean).length;
    expect(Math.abs(hits / N - 0.3)).toBeLessThan(0.01);
    expect(draw(100, () => rng.bernoulli(0)).some(Boolean)).toBe(false);
    expect(draw(100, () => rng.bernoulli(1)).every(Boolean)).toBe(true);
  });

  it('shuffle returns a permutation, uniform over all 6 orders of 3 items', () => {
    const rng = createRng(9);
    const counts = new Map<string, number>();
    const trials = 60_000;
    for (let i = 0; i < trials; i++) {
      const key = rng.shuffle(['a', 'b', 'c']).join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(['abc', 'acb', 'bac', 'bca', 'cab', 'cba']);
    // 5 dof, 99.99% quantile 25.7
    expect(chiSquare([...counts.values()], trials / 6)).toBeLessThan(25.7);
    const arr = new Float32Array([1, 2, 3, 4, 5, 6, 7]);
    expect(rng.shuffle(arr)).toBe(arr);
    expect(Array.from(arr).sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('permutation(n) contains each of 0..n-1 once', () => {
    const p = Array.from(createRng(10).permutation(1000));
    expect([...p].sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(p).not.toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(createRng(10).permutation(0).length).toBe(0);
  });

  it('sample(k, n) gives k distinct indices, each included with probability k/n', () => {
    const rng = createRng(11);
    const counts = new Array<number>(10).fill(0);
    const trials = 20_000;
    for (let t = 0; t < trials; t++) {
      const s = Array.from(rng.sample(3, 10));
      expect(new Set(s).size).toBe(3);
      for (const i of s) counts[i]! += 1;
    }
    // Each index expected 20000·3/10 = 6000 times (inclusions are not independent across indices,
    // so use a wide bound: 9 dof chi-square statistic under the bound is still a strong check).
    expect(chiSquare(counts, 6000)).toBeLessThan(40);
    const all = Array.from(rng.sample(5, 5)).sort();
    expect(all).toEqual([0, 1, 2, 3, 4]);
    expect(rng.sample(0, 7).length).toBe(0);
    const big = Array.from(rng.sample(5, 2 ** 31 - 1));
    expect(new Set(big).size).toBe(5);
  });
});

describe('createRng: bad input', () => {
  it.each([
    [1.5, /^createRng: seed must be an integer, got 1\.5\.$/],
    [Number.NaN, /createRng: seed must be an integer, got NaN/],
    [2 ** 60, /createRng: seed must be an integer, got 1152921504606847000/],
  ])('throws: seed %s', (seed, message) => {
    expect(() => createRng(seed)).toThrow(message);
  });

  it('throws: malformed or all-zero state', () => {
    expect(() => createRng(stateOf([0, 0, 0, 0]))).toThrow(
      /createRng: seed must be a safe integer or a state from rng.getState\(\)/,
    );
    expect(() => createRng(stateOf([1, 2, 3]))).toThrow(/createRng: seed must be/);
    expect(() => createRng('abc' as never)).toThrow(/createRng: seed must be .*got 'abc'/);
  });

  it('throws: bad method arguments', () => {
    const rng = createRng(0);
    expect(() => rng.nextInt(0)).toThrow(
      /^Rng.nextInt: n must be an integer in \[1, 4294967296\], got 0\.$/,
    );
    expect(() => rng.nextInt(2.5)).toThrow(/Rng.nextInt: n must be an integer/);
    expect(() => rng.bernoulli(1.5)).toThrow(/^Rng.bernoulli: p must be in \[0, 1\], got 1\.5\.$/);
    expect(() => rng.uniform(1, 0)).toThrow(/^Rng.uniform: high must be >= low \(1\), got 0\.$/);
    expect(() => rng.sample(4, 3)).toThrow(
      /^Rng.sample: k must be an integer in \[0, 3\], got 4\.$/,
    );
    expect(() => rng.permutation(-1)).toThrow(/Rng.permutation: n must be an integer/);
  });
});

describeWithBackends('createRng: seeds for TF.js random ops', () => {
  it('the same rng seed gives the same tf.randomUniform tensor', () => {
    const a = tf.randomUniform([4], 0, 1, 'float32', createRng(3).tfSeed());
    const b = tf.randomUniform([4], 0, 1, 'float32', createRng(3).tfSeed());
    const c = tf.randomUniform([4], 0, 1, 'float32', createRng(4).tfSeed());
    expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
    expect(Array.from(a.dataSync())).not.toEqual(Array.from(c.dataSync()));
    tf.dispose([a, b, c]);
  });
});
