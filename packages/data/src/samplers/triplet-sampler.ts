import { assertInteger, createRng, InvalidArgumentError } from '@tessera/core';
import { groupByClass, type Labels } from './group-by-class';
import { makeSampler, type Sampler } from './sampler';

/** A batch of triplets of item indices: anchor and positive share a class, the negative does not. */
export interface TripletBatch {
  readonly anchor: Int32Array;
  readonly positive: Int32Array;
  readonly negative: Int32Array;
}

/**
 * Batches of random triplets for `tripletMarginLoss`: an anchor drawn uniformly among items whose
 * class has another item, a different item of its class, and an item of another class.
 *
 * @param options - Options:
 * @param options.batchSize - Triplets per batch. Default `32`.
 * @param options.seed - Default `0`.
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} with fewer than 2 classes or no class with 2 items.
 * @category Samplers
 */
export function tripletSampler({
  labels,
  batchSize = 32,
  seed = 0,
}: {
  labels: Labels;
  batchSize?: number;
  seed?: number;
}): Sampler<TripletBatch> {
  const fn = 'tripletSampler';
  const { labels: lab, classes, members } = groupByClass(labels, fn);
  assertInteger(batchSize, fn, 'batchSize', { min: 1 });
  assertInteger(seed, fn, 'seed');
  const anchors = Int32Array.from(lab.keys()).filter(
    (i) => (members.get(lab[i] as number) as Int32Array).length >= 2,
  );
  if (classes.length < 2 || anchors.length === 0) {
    throw new InvalidArgumentError({
      functionName: fn,
      argument: 'labels',
      detail: `labels must have at least 2 classes, one of them with 2 items, got ${classes.length} class(es) and ${anchors.length} item(s) with a partner.`,
    });
  }
  const rng = createRng(seed);
  return makeSampler(() => {
    const anchor = new Int32Array(batchSize);
    const positive = new Int32Array(batchSize);
    const negative = new Int32Array(batchSize);
    for (let k = 0; k < batchSize; k++) {
      const i = anchors[rng.nextInt(anchors.length)] as number;
      const same = members.get(lab[i] as number) as Int32Array;
      let p = i;
      while (p === i) p = same[rng.nextInt(same.length)] as number;
      let n = i;
      while (lab[n] === lab[i]) n = rng.nextInt(lab.length);
      [anchor[k], positive[k], negative[k]] = [i, p, n];
    }
    return { anchor, positive, negative };
  });
}
