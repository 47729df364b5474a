import { assertInteger } from '../assert/assert-integer';
import { assertInRange } from '../assert/assert-in-range';
import { describeValue } from '../internal/describe-value';
import { fail } from '../internal/fail';
import type { Rng, RngState } from './rng';
import { seedState } from './splitmix64';

const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;

/**
 * Creates a seeded random number generator: **xoshiro128\*\*** (Blackman & Vigna 2018,
 * https://prng.di.unimi.it/), 128 bits of state, period 2^128 − 1, seeded through SplitMix64 as its
 * authors recommend. Fast (32-bit integer operations only), reproducible across platforms, and its
 * state can be saved and restored.
 *
 * Every random transform, sampler and initializer in Tessera takes a `seed` and builds one of these.
 *
 * @param seed - A safe integer (negative values are taken modulo 2^64), or a state saved with
 *   `rng.getState()` to resume a stream exactly where it was.
 * @throws {@link InvalidArgumentError} when the seed is not a safe integer or the state is malformed.
 * @example
 * ```ts
 * const rng = createRng(42);
 * rng.next();          // 0.41… (uniform in [0, 1))
 * rng.nextInt(10);     // an integer in 0..9
 * rng.shuffle([1, 2, 3, 4]);
 * const saved = rng.getState();
 * const again = createRng(saved); // continues identically
 * ```
 * @category Random
 */
export function createRng(seed: number | RngState): Rng {
  if (typeof seed === 'number') {
    assertInteger(seed, 'createRng', 'seed');
    return new Xoshiro128StarStar(seedState(BigInt(seed)), null);
  }
  const { state, spareNormal } = validateState(seed);
  return new Xoshiro128StarStar(state, spareNormal);
}

class Xoshiro128StarStar implements Rng {
  // Words kept as signed int32 (what `|`, `^` and `Math.imul` produce); `>>> 0` reads them unsigned.
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spare: number | null;

  constructor(state: readonly [number, number, number, number], spare: number | null) {
    [this.s0, this.s1, this.s2, this.s3] = state.map((w) => w | 0) as [
      number,
      number,
      number,
      number,
    ];
    this.spare = spare;
  }

  nextUint32(): number {
    const s0 = this.s0;
    const s1 = this.s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    let s2 = this.s2 ^ s0;
    let s3 = this.s3 ^ s1;
    this.s1 = s1 ^ s2;
    this.s0 = s0 ^ s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    this.s2 = s2;
    this.s3 = s3;
    return result;
  }

  next(): number {
    const a = this.nextUint32() >>> 5; // 27 bits
    const b = this.nextUint32() >>> 6; // 26 bits
    return (a * 67108864 + b) / TWO_POW_53;
  }

  nextInt(n: number): number {
    assertInteger(n, 'Rng.nextInt', 'n', { min: 1, max: TWO_POW_32 });
    // Largest multiple of n that fits in 2^32; draws at or above it are rejected (no modulo bias).
    const limit = TWO_POW_32 - (TWO_POW_32 % n);
    let x = this.nextUint32();
    while (x >= limit) x = this.nextUint32();
    return x % n;
  }

  uniform(low = 0, high = 1): number {
    if (!(high >= low))
      fail('Rng.uniform', 'high', `high must be >= low (${low}), got ${describeValue(high)}.`);
    return low + (high - low) * this.next();
  }

  normal(mean = 0, std = 1): number {
    if (this.spare !== null) {
      const z = this.spare;
      this.spare = null;
      return mean + std * z;
    }
    const u1 = 1 - this.next(); // (0, 1]: log is finite
    const u2 = this.next();
    const r = Math.sqrt(-2 * Math.log(u1));
    this.spare = r * Math.sin(2 * Math.PI * u2);
    return mean + std * r * Math.cos(2 * Math.PI * u2);
  }

  bernoulli(p: number): boolean {
    assertInRange(p, 0, 1, 'Rng.bernoulli', 'p');
    return this.next() < p;
  }

  shuffle<T extends { length: number; [index: number]: unknown }>(array: T): T {
    for (let i = array.length - 1; i > 0; i--) {
      const j = this.nextInt(i + 1);
      const tmp = array[i];
      array[i] = array[j];
      array[j] = tmp;
    }
    return array;
  }

  permutation(n: number): Int32Array {
    assertInteger(n, 'Rng.permutation', 'n', { min: 0, max: 2147483647 });
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    return this.shuffle(out);
  }

  sample(k: number, n: number): Int32Array {
    assertInteger(n, 'Rng.sample', 'n', { min: 0, max: 2147483647 });
    assertInteger(k, 'Rng.sample', 'k', { min: 0, max: n });
    // Partial Fisher–Yates over a virtual identity array: only swapped slots are stored.
    const moved = new Map<number, number>();
    const out = new Int32Array(k);
    for (let i = 0; i < k; i++) {
      const j = i + this.nextInt(n - i);
      const vj = moved.get(j) ?? j;
      moved.set(j, moved.get(i) ?? i);
      out[i] = vj;
    }
    return out;
  }

  fork(): Rng {
    const hi = BigInt(this.nextUint32());
    const lo = BigInt(this.nextUint32());
    return new Xoshiro128StarStar(seedState((hi << 32n) | lo), null);
  }

  tfSeed(): number {
    return this.nextUint32();
  }

  getState(): RngState {
    return {
      algorithm: 'xoshiro128**',
      state: [this.s0 >>> 0, this.s1 >>> 0, this.s2 >>> 0, this.s3 >>> 0],
      spareNormal: this.spare,
    };
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

function validateState(saved: unknown): {
  state: [number, number, number, number];
  spareNormal: number | null;
} {
  const s = saved as Partial<RngState> | null;
  const words = s?.state;
  const valid =
    typeof s === 'object' &&
    s !== null &&
    s.algorithm === 'xoshiro128**' &&
    Array.isArray(words) &&
    words.length === 4 &&
    words.every((w) => Number.isInteger(w) && w >= 0 && w < TWO_POW_32) &&
    words.some((w) => w !== 0) &&
    (s.spareNormal === null || Number.isFinite(s.spareNormal));
  if (!valid) {
    fail(
      'createRng',
      'seed',
      `seed must be a safe integer or a state from rng.getState() ({algorithm: 'xoshiro128**', state: four uint32 words not all 0, spareNormal: number | null}), got ${describeValue(saved)}.`,
    );
  }
  return {
    state: [...words] as [number, number, number, number],
    spareNormal: s.spareNormal ?? null,
  };
}
