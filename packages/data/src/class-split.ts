import { InvalidArgumentError } from '@tessera/core';
import { groupByClass, type Labels } from './samplers/group-by-class';

/**
 * Splits a dataset by class for few-shot protocols (train on some classes, evaluate episodes on
 * others — e.g. MNIST digits 0–4 vs 5–9). Returns the item indices of each side, in dataset order.
 *
 * @param options - Options:
 * @param options.trainClasses - Classes for training.
 * @param options.testClasses - Classes for evaluation; disjoint from `trainClasses`.
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} when the sets overlap, are empty, or name a class with no items.
 * @category Samplers
 */
export function classSplit({
  labels,
  trainClasses,
  testClasses,
}: {
  labels: Labels;
  trainClasses: readonly number[];
  testClasses: readonly number[];
}): {
  train: Int32Array;
  test: Int32Array;
} {
  const fn = 'classSplit';
  const { labels: lab, members } = groupByClass(labels, fn);
  for (const [arg, list] of [
    ['trainClasses', trainClasses],
    ['testClasses', testClasses],
  ] as const) {
    if (!Array.isArray(list) || list.length === 0) {
      throw new InvalidArgumentError({
        functionName: fn,
        argument: arg,
        detail: `${arg} must be a non-empty array of classes, got ${JSON.stringify(list)}.`,
      });
    }
    const missing = list.find((c) => !members.has(c));
    if (missing !== undefined) {
      throw new InvalidArgumentError({
        functionName: fn,
        argument: arg,
        detail: `${arg} must name classes present in labels, got ${missing}, which has no items.`,
      });
    }
  }
  const overlap = trainClasses.find((c) => testClasses.includes(c));
  if (overlap !== undefined) {
    throw new InvalidArgumentError({
      functionName: fn,
      argument: 'testClasses',
      detail: `trainClasses and testClasses must be disjoint, got ${overlap} in both.`,
    });
  }
  const train = new Set(trainClasses);
  const test = new Set(testClasses);
  const pick = (set: Set<number>) =>
    Int32Array.from(lab.keys()).filter((i) => set.has(lab[i] as number));
  return { train: pick(train), test: pick(test) };
}
