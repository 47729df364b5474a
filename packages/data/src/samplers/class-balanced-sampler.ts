import { assertInteger, createRng, InvalidArgumentError } from '@tessera/core';
import { groupByClass, type Labels } from './group-by-class';
import { makeSampler, type Sampler } from './sampler';

/** Options of {@link classBalancedSampler}. */
export interface ClassBalancedSamplerOptions {
  /** Class of every item, int. */
  labels: Labels;
  /** P: classes per batch. */
  classesPerBatch: number;
  /** K: items per class, ≥ 2 (batch-hard mining needs a positive). */
  samplesPerClass: number;
  /** Seed. Default `0`. */
  seed?: number;
}

/**
 * P×K batches for batch-hard and batch-all triplet mining (Hermans et al. 2017): P classes drawn
 * without replacement among those with at least K items, then K distinct items of each.
 *
 * @returns An endless {@link Sampler} of `Int32Array`s of `P·K` item indices, class-major.
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} when fewer than P classes have K items.
 * @category Samplers
 */
export function classBalancedSampler({
  labels,
  classesPerBatch,
  samplesPerClass,
  seed = 0,
}: ClassBalancedSamplerOptions): Sampler<Int32Array> {
  const fn = 'classBalancedSampler';
  const { classes, members } = groupByClass(labels, fn);
  assertInteger(classesPerBatch, fn, 'classesPerBatch', { min: 2 });
  assertInteger(samplesPerClass, fn, 'samplesPerClass', { min: 2 });
  assertInteger(seed, fn, 'seed');
  const eligible = classes.filter((c) => (members.get(c) as Int32Array).length >= samplesPerClass);
  if (eligible.length < classesPerBatch) {
    throw new InvalidArgumentError({
      functionName: fn,
      argument: 'classesPerBatch',
      detail: `classesPerBatch must be at most the number of classes with ≥ ${samplesPerClass} items (${eligible.length}), got ${classesPerBatch}.`,
    });
  }
  const rng = createRng(seed);
  return makeSampler(() => {
    const batch = new Int32Array(classesPerBatch * samplesPerClass);
    rng.sample(classesPerBatch, eligible.length).forEach((k, p) => {
      const items = members.get(eligible[k] as number) as Int32Array;
      rng.sample(samplesPerClass, items.length).forEach((j, s) => {
        batch[p * samplesPerClass + s] = items[j] as number;
      });
    });
    return batch;
  });
}
