import { createRng, type Rng } from '@tessera/core';

/** A generator from a seed, a generator, or (no seed) a fresh random seed. @internal */
export function resolveRng(seed: number | Rng | undefined): Rng {
  if (seed === undefined) return createRng(Math.floor(Math.random() * 2 ** 32));
  if (typeof seed === 'number') return createRng(seed);
  return seed;
}
