import { assertInRange, assertInteger, createRng, InvalidArgumentError } from '@tessera/core';
import { groupByClass, type Labels } from './group-by-class';
import { makeSampler, type Sampler } from './sampler';

/** A batch of pairs: `similar[i]` is 1 when `a[i]` and `b[i]` share a class (contrastiveLoss's convention). */
export interface PairBatch {
  readonly a: Int32Array;
  readonly b: Int32Array;
  readonly similar: Float32Array;
}

/** Options of {@link pairSampler}. */
export interface PairSamplerOptions {
  labels: Labels;
  /** Pairs per batch. Default `32`. */
  batchSize?: number;
  /** Fraction of similar pairs, rounded to a count per batch. Default `0.5`. */
  positiveFraction?: number;
  /** Seed. Default `0`. */
  seed?: number;
}

/**
 * Batches of labelled pairs for siamese networks (BCE on a similarity logit, or `contrastiveLoss`):
 * `round(batchSize · positiveFraction)` similar pairs (an item and another of its class) and the rest
 * dissimilar (an item and one of another class), anchors drawn uniformly over items, in shuffled order.
 *
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} when no class has two items (no similar pair exists) or there
 *   is a single class (no dissimilar pair).
 * @category Samplers
 */
export function pairSampler({
  labels,
  batchSize = 32,
  positiveFraction = 0.5,
  seed = 0,
}: PairSamplerOptions): Sampler<PairBatch> {
  const fn = 'pairSampler';
  const { labels: lab, classes, members } = groupByClass(labels, fn);
  assertInteger(batchSize, fn, 'batchSize', { min: 1 });
  assertInRange(positiveFraction, 0, 1, fn, 'positiveFraction');
  assertInteger(seed, fn, 'seed');
  const withPartner = Int32Array.from(lab.keys()).filter(
    (i) => (members.get(lab[i] as number) as Int32Array).length >= 2,
  );
  const positives = Math.round(batchSize * positiveFraction);
  if (positives > 0 && withPartner.length === 0) {
    throw new InvalidArgumentError({
      functionName: fn,
      argument: 'labels',
      detail: 'labels must have a class with at least 2 items to form similar pairs, got none.',
    });
  }
  if (positives < batchSize && classes.length < 2) {
    throw new InvalidArgumentError({
      functionName: fn,
      argument: 'labels',
      detail: `labels must have at least 2 classes to form dissimilar pairs, got 1 (class ${classes[0]}).`,
    });
  }
  const rng = createRng(seed);
  return makeSampler(() => {
    const order = rng.permutation(batchSize);
    const a = new Int32Array(batchSize);
    const b = new Int32Array(batchSize);
    const similar = new Float32Array(batchSize);
    for (let k = 0; k < batchSize; k++) {
      const slot = order[k] as number;
      if (k < positives) {
        const i = withPartner[rng.nextInt(withPartner.length)] as number;
        const same = members.get(lab[i] as number) as Int32Array;
        let j = i;
        while (j === i) j = same[rng.nextInt(same.length)] as number;
        [a[slot], b[slot], similar[slot]] = [i, j, 1];
      } else {
        const i = rng.nextInt(lab.length);
        let j = i;
        while (lab[j] === lab[i]) j = rng.nextInt(lab.length);
        [a[slot], b[slot], similar[slot]] = [i, j, 0];
      }
    }
    return { a, b, similar };
  });
}
