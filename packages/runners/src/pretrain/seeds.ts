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
  return deriveSeed(seed, part, 0x1417);
}
