import { InvalidArgumentError } from '@tessera/core';

/**
 * Same-label (excluding the diagonal) and different-label masks of a batch, `[n·n]` row-major, and
 * a check that every anchor has at least one positive and one negative (batch mining needs both).
 * @internal
 */
export function labelMasks(
  labels: Int32Array,
  functionName: string,
): { positive: Float32Array; negative: Float32Array } {
  const n = labels.length;
  const positive = new Float32Array(n * n);
  const negative = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    let pos = 0;
    let neg = 0;
    for (let j = 0; j < n; j++) {
      if (labels[i] === labels[j]) {
        if (i !== j) {
          positive[i * n + j] = 1;
          pos++;
        }
      } else {
        negative[i * n + j] = 1;
        neg++;
      }
    }
    if (pos === 0 || neg === 0) {
      const why =
        pos === 0 ? `label ${labels[i]} appears only once` : `every sample has label ${labels[i]}`;
      throw new InvalidArgumentError({
        functionName,
        argument: 'labels',
        detail: `labels must give every anchor a positive and a negative (use classBalancedSampler for P×K batches), got a batch where ${why}.`,
      });
    }
  }
  return { positive, negative };
}
