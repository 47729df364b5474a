import type { Rng } from '@tessera/core';

/** One Bernoulli(p) flag per image. @internal */
export function sampleFlags(n: number, p: number, rng: Rng): boolean[] {
  return Array.from({ length: n }, () => (p >= 1 ? true : p <= 0 ? false : rng.bernoulli(p)));
}

/** torchvision's `randint(low, high)`: an integer in `[low, high)`. @internal */
export function randint(rng: Rng, low: number, high: number): number {
  return low + rng.nextInt(high - low);
}

/** Python's `round` (half to even), used where torchvision rounds sizes. @internal */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
