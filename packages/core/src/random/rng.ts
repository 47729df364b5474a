/**
 * A snapshot of a generator, plain JSON so it can go into a checkpoint.
 * `state` is xoshiro128**'s four 32-bit words; `spareNormal` is the cached second Box–Muller value.
 * @category Random
 */
export interface RngState {
  readonly algorithm: 'xoshiro128**';
  readonly state: readonly [number, number, number, number];
  readonly spareNormal: number | null;
}

/**
 * A seeded random number generator (see {@link createRng}). Every method advances the stream;
 * the same seed gives the same sequence on every platform (integer arithmetic only, apart from
 * `Math.log`/`Math.cos` in `normal`, which V8, SpiderMonkey and JavaScriptCore compute alike).
 * @category Random
 */
export interface Rng {
  /** A uniform float in `[0, 1)` with 53 random bits (two 32-bit draws). */
  next(): number;
  /** A uniform unsigned 32-bit integer in `[0, 2^32)`: the generator's raw output. */
  nextUint32(): number;
  /** A uniform integer in `[0, n)`, without modulo bias (rejection sampling). `n` in `[1, 2^32]`. */
  nextInt(n: number): number;
  /** A uniform float in `[low, high)`. Defaults `0`, `1`. */
  uniform(low?: number, high?: number): number;
  /** A normal sample (Box–Muller; every second call uses the cached pair). Defaults `0`, `1`. */
  normal(mean?: number, std?: number): number;
  /** `true` with probability `p` (`p` in `[0, 1]`). */
  bernoulli(p: number): boolean;
  /** Shuffles `array` in place (Fisher–Yates, uniform over permutations) and returns it. */
  shuffle<T extends { length: number; [index: number]: unknown }>(array: T): T;
  /** A uniformly random permutation of `0 … n−1`. */
  permutation(n: number): Int32Array;
  /** `k` distinct integers drawn uniformly from `[0, n)`, in random order (partial Fisher–Yates). */
  sample(k: number, n: number): Int32Array;
  /**
   * A child generator: draws 64 bits from this stream and seeds a new one through SplitMix64.
   * Use one child per consumer (sampler, augmentation, initializer) so that adding draws in one
   * place does not shift the others.
   */
  fork(): Rng;
  /** A seed for TF.js random ops (`tf.randomUniform(shape, 0, 1, 'float32', rng.tfSeed())`). */
  tfSeed(): number;
  /** A snapshot to resume from (`createRng(state)`). */
  getState(): RngState;
}
