import * as tf from '@tensorflow/tfjs-core';
import { activateBackend, describeWithBackends } from '@tessera/test-utils';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../invalid-argument-error';
import { createRng } from './create-rng';
import { withSeededRandom } from './with-seeded-random';

const draw = () =>
  tf.tidy(() => [
    ...tf.randomNormal([64]).dataSync(),
    ...tf.randomUniform([64], -1, 1).dataSync(),
    ...tf.truncatedNormal([64], 0, 0.5).dataSync(),
  ]);

// TF.js draws initial values in JavaScript, so a seed gives the same numbers on every backend.
describeWithBackends('withSeededRandom: unseeded TF.js draws', ({ backend }) => {
  it(`repeat for a seed and differ between seeds [${backend}]`, () => {
    for (const seed of [0, 7, 123456789]) {
      const a = withSeededRandom(seed, draw);
      const b = withSeededRandom(seed, draw);
      const c = withSeededRandom(seed + 1, draw);
      expect(a).toEqual(b);
      expect(a).not.toEqual(c);
      expect(a.every(Number.isFinite)).toBe(true);
    }
  });
});

describe('withSeededRandom', () => {
  it('gives the same numbers on cpu and wasm', async () => {
    const perBackend: number[][] = [];
    for (const name of ['cpu', 'wasm']) {
      const { ok, reason } = await activateBackend(name);
      expect(ok, reason).toBe(true);
      perBackend.push(withSeededRandom(99, draw));
    }
    expect(perBackend[1]).toEqual(perBackend[0]);
  });

  it('takes Math.random from createRng(seed) inside the scope', () => {
    const inside = withSeededRandom(42, () => [Math.random(), Math.random(), Math.random()]);
    const rng = createRng(42);
    expect(inside).toEqual([rng.next(), rng.next(), rng.next()]);
  });

  it('restores Math.random afterwards, also when build throws', () => {
    const original = Math.random;
    expect(withSeededRandom(1, () => 5)).toBe(5);
    expect(Math.random).toBe(original);
    expect(() =>
      withSeededRandom(1, () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(Math.random).toBe(original);
    // unseeded draws outside the scope are not the seeded stream
    const after = [Math.random(), Math.random()];
    const seeded = withSeededRandom(1, () => [Math.random(), Math.random()]);
    expect(after).not.toEqual(seeded);
  });

  it('rejects a bad seed, a non-function and an asynchronous build', () => {
    expect(() => withSeededRandom(1.5, () => 0)).toThrow(InvalidArgumentError);
    expect(() => withSeededRandom(1.5, () => 0)).toThrow(/seed/);
    expect(() => withSeededRandom(1, 3 as never)).toThrow(/build must be a function/);
    const original = Math.random;
    expect(() => withSeededRandom(1, async () => 0)).toThrow(/returned a promise/);
    expect(Math.random).toBe(original);
  });
});
