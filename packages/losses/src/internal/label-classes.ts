import { InvalidArgumentError } from '@tessera/core';

/**
 * Each label's class as a dense index `0..classes−1` (in order of first appearance) and each
 * class's size. O(n). @internal
 */
export function denseClasses(labels: Int32Array): {
  index: Int32Array;
  classes: number;
  counts: number[];
} {
  const dense = new Map<number, number>();
  const index = new Int32Array(labels.length);
  const counts: number[] = [];
  for (let i = 0; i < labels.length; i++) {
    let c = dense.get(labels[i]!);
    if (c === undefined) {
      c = dense.size;
      dense.set(labels[i]!, c);
      counts.push(0);
    }
    index[i] = c;
    counts[c]!++;
  }
  return { index, classes: dense.size, counts };
}

/**
 * {@link denseClasses}, after checking that every anchor has at least one positive (another
 * sample of its label) and one negative (a sample of another label) — batch mining needs both.
 * @internal
 */
export function labelClasses(
  labels: Int32Array,
  functionName: string,
): { index: Int32Array; classes: number } {
  const n = labels.length;
  const { index, classes, counts } = denseClasses(labels);
  for (let i = 0; i < n; i++) {
    const count = counts[index[i]!]!;
    if (count === 1 || count === n) {
      const why =
        count === 1
          ? `label ${labels[i]} appears only once`
          : `every sample has label ${labels[i]}`;
      throw new InvalidArgumentError({
        functionName,
        argument: 'labels',
        detail: `labels must give every anchor a positive and a negative (use classBalancedSampler for P×K batches), got a batch where ${why}.`,
      });
    }
  }
  return { index, classes };
}
