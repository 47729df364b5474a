/**
 * The salts that keep a run's seed streams apart: every random choice of a run is
 * `deriveSeed(seed, counter, SALT)` for one of these, so two streams never share numbers and a
 * resumed run draws what an uninterrupted one would. @internal
 */
export const SALT = {
  /** Counter: the epoch. The permutation of the data for that epoch. */
  dataOrder: 0x0e0c,
  /** Counter: the step. The step's augmentations and sampling. */
  step: 0x57e9,
  /** Counter 0, from the step's seed. A method's own batch choice (P×K class-balanced batches). */
  batchIndices: 0xba7c,
  /** Counter: the part (see {@link initSeed}). Initial weights. */
  init: 0x1417,
  /** Counter 0. The CLI's `--val-split`: which images are held out of pretraining. */
  valSplit: 0x5a11,
} as const;

/** A well-mixed 32-bit seed from a run seed and a counter (murmur3's finaliser). @internal */
export function deriveSeed(seed: number, counter: number, salt = 0): number {
  let h = (Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(counter | 0, 0x85ebca6b) ^ salt) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Seeds of a run's initial weights: part 0 the default encoder, 1 what the method builds (heads,
 * momentum copies, decoders), 2 evaluation's random-init copy. @internal
 */
export function initSeed(seed: number, part: 0 | 1 | 2): number {
  return deriveSeed(seed, part, SALT.init);
}
