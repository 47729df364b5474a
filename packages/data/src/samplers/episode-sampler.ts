import { assertInteger, createRng, InvalidArgumentError } from '@tessera/core';
import { groupByClass, type Labels } from './group-by-class';
import { makeSampler, type Sampler } from './sampler';

/** One C-way K-shot episode; every array holds dataset indices or episode labels. */
export interface Episode {
  /** The dataset classes of this episode, in episode-label order (episode label k ↔ `classes[k]`). */
  readonly classes: Int32Array;
  /** `ways · shots` item indices, class-major (`shots` items of class 0, then class 1, …). */
  readonly support: Int32Array;
  /** Episode label (0 … ways−1) of each support item. */
  readonly supportLabels: Int32Array;
  /** `ways · queries` item indices, class-major, disjoint from the support. */
  readonly query: Int32Array;
  /** Episode label of each query item. */
  readonly queryLabels: Int32Array;
}

/** Options of {@link episodeSampler}. */
export interface EpisodeSamplerOptions {
  /** Class of every item of the dataset, int. */
  labels: Labels;
  /** C: classes per episode, ≥ 2. */
  ways: number;
  /** K: support items per class, ≥ 1. */
  shots: number;
  /** Query items per class, ≥ 1. Default `15` (Prototypical Networks' episodes). */
  queries?: number;
  /** Seed. Default `0`. */
  seed?: number;
}

/**
 * C-way K-shot episodes for few-shot learning (Vinyals et al. 2016; Snell et al. 2017): each draws
 * `ways` classes without replacement, then `shots + queries` distinct items of each, split into a
 * support set and a disjoint query set.
 *
 * @returns An endless {@link Sampler} of {@link Episode}s.
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} for non-integer labels, `ways` larger than the number of
 *   classes, or a class with fewer than `shots + queries` items (the message names it).
 * @example
 * ```ts
 * const episodes = episodeSampler({ labels, ways: 5, shots: 1, queries: 15, seed: 1 });
 * const { support, supportLabels, query, queryLabels } = episodes.sample();
 * ```
 * @category Samplers
 */
export function episodeSampler({
  labels,
  ways,
  shots,
  queries = 15,
  seed = 0,
}: EpisodeSamplerOptions): Sampler<Episode> {
  const fn = 'episodeSampler';
  const { classes, members } = groupByClass(labels, fn);
  assertInteger(ways, fn, 'ways', { min: 2 });
  assertInteger(shots, fn, 'shots', { min: 1 });
  assertInteger(queries, fn, 'queries', { min: 1 });
  assertInteger(seed, fn, 'seed');
  if (ways > classes.length) {
    throw new InvalidArgumentError({
      functionName: fn,
      argument: 'ways',
      detail: `ways must be at most the number of classes (${classes.length}), got ${ways}.`,
    });
  }
  const need = shots + queries;
  const small = classes.find((c) => (members.get(c) as Int32Array).length < need);
  if (small !== undefined) {
    throw new InvalidArgumentError({
      functionName: fn,
      argument: 'labels',
      detail: `labels must give every class at least shots + queries = ${need} items, got class ${small} with ${(members.get(small) as Int32Array).length}.`,
    });
  }
  const rng = createRng(seed);
  return makeSampler(() => {
    const chosen = Int32Array.from(rng.sample(ways, classes.length), (k) => classes[k] as number);
    const support = new Int32Array(ways * shots);
    const query = new Int32Array(ways * queries);
    chosen.forEach((c, w) => {
      const items = members.get(c) as Int32Array;
      const pick = rng.sample(need, items.length);
      for (let s = 0; s < shots; s++) support[w * shots + s] = items[pick[s] as number] as number;
      for (let q = 0; q < queries; q++)
        query[w * queries + q] = items[pick[shots + q] as number] as number;
    });
    const episodeLabels = (per: number) =>
      Int32Array.from({ length: ways * per }, (_, i) => Math.floor(i / per));
    return {
      classes: chosen,
      support,
      supportLabels: episodeLabels(shots),
      query,
      queryLabels: episodeLabels(queries),
    };
  });
}
