import { bench, describe } from 'vitest';
import { createRng } from '../src/index';

// Throughput of the seeded generator against Math.random (unseeded, the floor for any JS PRNG).
// Each iteration draws 10 000 numbers, so ops/s × 1e4 = numbers per second.
const N = 10_000;

describe('uniform draws (10k per op)', () => {
  const rng = createRng(1);
  bench('createRng().nextUint32', () => {
    for (let i = 0; i < N; i++) rng.nextUint32();
  });
  bench('createRng().next (53-bit float)', () => {
    for (let i = 0; i < N; i++) rng.next();
  });
  bench('Math.random (baseline, unseeded)', () => {
    for (let i = 0; i < N; i++) Math.random();
  });
});

describe('other draws (10k per op)', () => {
  const rng = createRng(2);
  bench('normal', () => {
    for (let i = 0; i < N; i++) rng.normal();
  });
  bench('nextInt(1000)', () => {
    for (let i = 0; i < N; i++) rng.nextInt(1000);
  });
  bench('permutation(10000)', () => {
    rng.permutation(N);
  });
  bench('sample(100, 60000)', () => {
    rng.sample(100, 60_000);
  });
});
