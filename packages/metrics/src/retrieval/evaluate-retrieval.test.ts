import { InvalidArgumentError } from '@tessera/core';
import { loadGolden } from '@tessera/test-utils';
import { describe, expect, it } from 'vitest';
import { evaluateRetrieval } from './evaluate-retrieval';
import {
  hitRateAtK,
  meanAveragePrecision,
  meanAveragePrecisionAtR,
  precisionAtK,
  recallAtK,
} from './retrieval-metrics';

type Inputs = {
  queries?: number[][];
  query_labels?: number[];
  gallery?: number[][];
  gallery_labels?: number[];
  embeddings?: number[][];
  labels?: number[];
};
type Params = { ks: number[]; similarity: 'cosine' | 'euclidean'; exclude_self: boolean };
const cases = [
  ...loadGolden('retrieval').cases.filter(
    (c) => (c.params as { kind?: string }).kind === 'retrieval',
  ),
  ...loadGolden('metrics_extra').cases.filter((c) => (c as { kind?: string }).kind === 'retrieval'),
];

describe.each(cases)('evaluateRetrieval matches the reference ranking metrics: $name', (c) => {
  const i = c.inputs as Inputs;
  const p = c.params as Params;
  const e = c.expected as Record<string, number>;
  const [queries, labels] = p.exclude_self
    ? [i.embeddings!, i.labels!]
    : [i.queries!, i.query_labels!];
  const gallery = p.exclude_self ? {} : { gallery: i.gallery!, galleryLabels: i.gallery_labels! };
  const options = { ...gallery, similarity: p.similarity };

  it('precision@k, recall@k, hit@k, mAP (and MAP@R where recorded) to 1e-12', () => {
    const r = evaluateRetrieval(queries, labels, { ...options, ks: p.ks });
    for (const k of p.ks) {
      expect(r.precisionAtK[k]).toBeCloseTo(e[`precision@${k}`]!, 12);
      expect(r.recallAtK[k]).toBeCloseTo(e[`recall@${k}`]!, 12);
      expect(r.hitRateAtK[k]).toBeCloseTo(e[`hit@${k}`]!, 12);
    }
    expect(r.meanAveragePrecision).toBeCloseTo(e.mAP!, 12);
    if ('MAP@R' in e) expect(r.meanAveragePrecisionAtR).toBeCloseTo(e['MAP@R']!, 12);
  });

  it('the single-metric functions agree with evaluateRetrieval', () => {
    const k = p.ks[1]!;
    expect(precisionAtK(queries, labels, { ...options, k })).toBeCloseTo(e[`precision@${k}`]!, 12);
    expect(recallAtK(queries, labels, { ...options, k })).toBeCloseTo(e[`recall@${k}`]!, 12);
    expect(hitRateAtK(queries, labels, { ...options, k })).toBeCloseTo(e[`hit@${k}`]!, 12);
    expect(meanAveragePrecision(queries, labels, options)).toBeCloseTo(e.mAP!, 12);
    if ('MAP@R' in e)
      expect(meanAveragePrecisionAtR(queries, labels, options)).toBeCloseTo(e['MAP@R']!, 12);
  });
});

describe('evaluateRetrieval properties and errors', () => {
  it('perfectly separated classes give 1 for hit@1, mAP and MAP@R', () => {
    const emb = [
      [1, 0],
      [0.9, 0.1],
      [0, 1],
      [0.1, 0.9],
      [-1, 0],
      [-0.9, -0.1],
    ];
    const labels = [0, 0, 1, 1, 2, 2];
    for (const similarity of ['cosine', 'euclidean'] as const) {
      const r = evaluateRetrieval(emb, labels, { ks: [1], similarity });
      expect([r.hitRateAtK[1], r.meanAveragePrecision, r.meanAveragePrecisionAtR]).toEqual([
        1, 1, 1,
      ]);
    }
  });

  it.each([
    [
      'gallery without labels',
      () => evaluateRetrieval([[1, 0]], [0], { gallery: [[1, 0]] }),
      /galleryLabels/,
    ],
    [
      'label count',
      () =>
        evaluateRetrieval(
          [
            [1, 0],
            [0, 1],
          ],
          [0],
        ),
      /queryLabels/,
    ],
    [
      'width mismatch',
      () => evaluateRetrieval([[1, 0]], [0], { gallery: [[1, 0, 0]], galleryLabels: [0] }),
      /same width/,
    ],
    ['k = 0', () => precisionAtK([[1, 0]], [0], { k: 0 }), /k must be/],
    [
      'NaN embedding',
      () =>
        evaluateRetrieval(
          [
            [1, Number.NaN],
            [0, 1],
          ],
          [0, 1],
        ),
      /finite/,
    ],
    [
      'unknown similarity',
      () => evaluateRetrieval([[1, 0]], [0], { similarity: 'dot' as never }),
      /similarity/,
    ],
  ])('%s', (_name, f, message) => {
    expect(f).toThrow(InvalidArgumentError);
    expect(f).toThrow(message);
  });
});
