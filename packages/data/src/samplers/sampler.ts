/**
 * An endless, seeded stream of samples: call `sample()` for the next one, `take(n)` for several, or
 * iterate (`for (const s of sampler)` — break when done).
 * @category Samplers
 */
export interface Sampler<T> extends Iterable<T> {
  sample(): T;
  take(n: number): T[];
}

/** Wraps a draw function as a {@link Sampler}. @internal */
export function makeSampler<T>(draw: () => T): Sampler<T> {
  return {
    sample: draw,
    take: (n) => Array.from({ length: n }, draw),
    *[Symbol.iterator]() {
      for (;;) yield draw();
    },
  };
}
