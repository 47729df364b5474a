import { InvalidArgumentError } from '@tessera/core';
import { expectTensorClose, loadGolden } from '@tessera/test-utils';
import { describe, expect, it } from 'vitest';
import { episodeAccuracy, evaluateEpisode } from './evaluate-episode';
import { meanConfidenceInterval } from './mean-confidence-interval';

const EXACT = { rtol: 1e-9, atol: 1e-12 };
const all = [...loadGolden('fewshot').cases, ...loadGolden('metrics_extra').cases];
const kindOf = (c: (typeof all)[number]): string | undefined =>
  (c as { kind?: string }).kind ?? (c.params as { kind?: string } | undefined)?.kind;
const episodes = all.filter((c) => kindOf(c) === 'protonet_episode');
const intervals = all.filter((c) => kindOf(c) === 'ci95' || kindOf(c) === 'ci');

describe.each(episodes)(
  'evaluateEpisode matches the prototypical-network reference: $name',
  (c) => {
    it('prototypes, squared distances, predictions, loss, accuracy', () => {
      const { support, query } = c.inputs as { support: number[][][]; query: number[][][] };
      const e = c.expected as Record<string, unknown>;
      const r = evaluateEpisode(support, query);
      expectTensorClose(r.prototypes, (e.prototypes as number[][]).flat(), EXACT);
      expectTensorClose(r.squaredDistances, (e.sq_distances as number[][]).flat(), EXACT);
      expect(Array.from(r.predictions)).toEqual(e.predictions);
      expect(Array.from(r.labels)).toEqual(e.query_labels);
      expect(r.loss).toBeCloseTo(e.loss as number, 10);
      expect(r.accuracy).toBeCloseTo(e.accuracy as number, 12);
      expect(episodeAccuracy(support, query)).toBe(r.accuracy);
    });
  },
);

describe.each(intervals)('meanConfidenceInterval: $name', (c) => {
  it('1.96 · std / √n with the population std (default) and the sample std', () => {
    const values = ((c.inputs as Record<string, number[]>).episode_accuracies ??
      (c.inputs as Record<string, number[]>).values)!;
    const e = c.expected as Record<string, number>;
    const aux = (c.aux ?? {}) as Record<string, number>;
    const r = meanConfidenceInterval(values);
    expect(r.mean).toBeCloseTo(e.mean!, 12);
    expect(r.std).toBeCloseTo(e.std_ddof0!, 12);
    expect(r.halfWidth).toBeCloseTo(e.ci95_ddof0!, 12);
    expect(r.upper - r.lower).toBeCloseTo(2 * e.ci95_ddof0!, 12);
    const s = meanConfidenceInterval(values, { ddof: 1 });
    expect(s.halfWidth).toBeCloseTo(aux.ci95_ddof1 ?? e.ci95_ddof1!, 12);
  });
});

describe('few-shot statistics: other levels and errors', () => {
  it('uses Φ⁻¹((1 + level) / 2) for other levels (0.99 → 2.5758293035489)', () => {
    const r = meanConfidenceInterval([0, 1], { level: 0.99 });
    expect(r.halfWidth / (r.std / Math.sqrt(2))).toBeCloseTo(2.5758293035489, 8);
    const z90 = meanConfidenceInterval([0, 1], { level: 0.9 });
    expect(z90.halfWidth / (z90.std / Math.sqrt(2))).toBeCloseTo(1.6448536269514722, 8);
  });

  it.each([
    ['empty', () => meanConfidenceInterval([]), /values/],
    ['level 1', () => meanConfidenceInterval([1, 2], { level: 1 }), /level/],
    ['NaN', () => meanConfidenceInterval([1, Number.NaN]), /index 1/],
    ['episode shapes', () => evaluateEpisode([[[1, 2]]], [[[1, 2, 3]]]), /query must be/],
  ])('%s', (_name, f, message) => {
    expect(f).toThrow(InvalidArgumentError);
    expect(f).toThrow(message);
  });
});
