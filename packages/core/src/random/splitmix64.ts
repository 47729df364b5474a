const MASK64 = (1n << 64n) - 1n;

/**
 * SplitMix64 (Steele, Lea & Flood 2014), the generator Blackman & Vigna recommend for seeding
 * xoshiro. Turns one 64-bit seed into `count` well-mixed 64-bit words. Runs only at seeding time,
 * so BigInt's speed does not matter.
 * @internal
 */
export function splitmix64(seed: bigint, count: number): bigint[] {
  let x = BigInt.asUintN(64, seed);
  const out: bigint[] = [];
  for (let i = 0; i < count; i++) {
    x = (x + 0x9e3779b97f4a7c15n) & MASK64;
    let z = x;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
    out.push(z ^ (z >> 31n));
  }
  return out;
}

/**
 * The 128-bit xoshiro state for a 64-bit seed: two SplitMix64 outputs, each split low word first.
 * @internal
 */
export function seedState(seed: bigint): [number, number, number, number] {
  const [a, b] = splitmix64(seed, 2) as [bigint, bigint];
  const lo = (v: bigint) => Number(v & 0xffffffffn);
  const hi = (v: bigint) => Number(v >> 32n);
  return [lo(a), hi(a), lo(b), hi(b)];
}
