/** The PR demo's starting ranking: scores and whether each item is relevant (1) or not (0). */
export const DEMO_SCORES_TEXT = '0.95 0.9 0.85 0.8 0.7 0.65 0.6 0.5 0.45 0.4 0.3 0.2';
export const DEMO_LABELS_TEXT = '1 1 0 1 0 1 0 0 1 0 0 1';

/** Whitespace- or comma-separated numbers. */
export function parseNumbers(text: string): number[] {
  return text
    .split(/[\s,]+/)
    .filter((t) => t.length > 0)
    .map(Number);
}
