import { assertInteger } from '../assert/assert-integer';
import { fail } from '../internal/fail';
import { createRng } from './create-rng';

/**
 * Runs `build` with TF.js's unseeded random draws made reproducible: weight initializers
 * (`glorotUniform`, `heNormal`, `orthogonal`, …) and `tf.random*` ops called without a seed take
 * their seed from `Math.random`, so for the duration of the synchronous call `Math.random` is a
 * {@link createRng} stream of `seed`. The same seed builds the same weights, on every backend
 * (TF.js draws initial values in JavaScript). `Math.random` is restored afterwards, also when
 * `build` throws.
 *
 * TF.js has no global seed (PyTorch's `torch.manual_seed`); this is the scoped equivalent for model
 * construction. Keep `build` synchronous and short: any other code calling `Math.random` meanwhile
 * draws from the seeded stream too.
 *
 * @throws {@link InvalidArgumentError} when `seed` is not a safe integer, `build` is not a function, or
 *   `build` returns a promise (the seeded scope would end before its work).
 * @example
 * ```ts
 * const a = withSeededRandom(7, () => tf.sequential({ layers: [tf.layers.dense({ units: 4, inputShape: [3] })] }));
 * const b = withSeededRandom(7, () => tf.sequential({ layers: [tf.layers.dense({ units: 4, inputShape: [3] })] }));
 * // a's and b's kernels are equal
 * ```
 * @category Random
 */
export function withSeededRandom<T>(seed: number, build: () => T): T {
  assertInteger(seed, 'withSeededRandom', 'seed');
  if (typeof build !== 'function')
    fail('withSeededRandom', 'build', 'build must be a function that builds the models.');
  const rng = createRng(seed);
  const original = Math.random;
  Math.random = () => rng.next();
  let result: T;
  try {
    result = build();
  } finally {
    Math.random = original;
  }
  if (
    result !== null &&
    (typeof result === 'object' || typeof result === 'function') &&
    typeof (result as { then?: unknown }).then === 'function'
  )
    fail(
      'withSeededRandom',
      'build',
      'build returned a promise; it must build synchronously (the seeded scope ends when it returns).',
    );
  return result;
}
