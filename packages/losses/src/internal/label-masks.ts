import { labelClasses } from './label-classes';

/**
 * Same-label (excluding the diagonal) and different-label masks of a batch, `[n·n]` row-major, and
 * the check of {@link labelClasses} that every anchor has at least one of each. @internal
 */
export function labelMasks(
  labels: Int32Array,
  functionName: string,
): { positive: Float32Array; negative: Float32Array } {
  labelClasses(labels, functionName);
  const n = labels.length;
  const positive = new Float32Array(n * n);
  const negative = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (labels[i] !== labels[j]) {
        negative[i * n + j] = 1;
      } else if (i !== j) {
        positive[i * n + j] = 1;
      }
    }
  }
  return { positive, negative };
}
