import { createRng, InvalidArgumentError } from '@tessera/core';
import { expectTensorClose, loadGolden } from '@tessera/test-utils';
import { describe, expect, it } from 'vitest';
import { averagePrecision } from './average-precision';
import { confusionMatrix } from './confusion-matrix';
import { precisionRecallCurve } from './precision-recall-curve';
import { rocAuc } from './roc-auc';
import { rocCurve } from './roc-curve';

// The issue asks for 1e-9: these are float64 computations in JavaScript.
const EXACT = { rtol: 1e-9, atol: 1e-12 };
type Binary = { scores: number[]; labels: number[] };
type Expected = Record<string, unknown> & {
  precision_recall_curve: { precision: number[]; recall: number[]; thresholds: number[] };
  roc_curve_no_drop: { fpr: number[]; tpr: number[]; thresholds: number[] };
};
const binaryCases = [
  ...loadGolden('metrics_classification').cases,
  ...loadGolden('metrics_extra').cases.filter((c) => (c as { kind?: string }).kind === 'binary'),
];

describe.each(binaryCases)(
  'binary ranking metrics match scikit-learn 1.2.1 and VOC: $name',
  (c) => {
    const { scores, labels } = c.inputs as Binary;
    const e = c.expected as Expected;

    it('precisionRecallCurve: every threshold, ties grouped', () => {
      const curve = precisionRecallCurve(scores, labels);
      expectTensorClose(curve.precision, e.precision_recall_curve.precision, EXACT);
      expectTensorClose(curve.recall, e.precision_recall_curve.recall, EXACT);
      expectTensorClose(curve.thresholds, e.precision_recall_curve.thresholds, EXACT);
    });

    it('averagePrecision: sklearn, VOC07 (np.arange and exact thresholds), VOC2010', () => {
      expect(averagePrecision(scores, labels)).toBeCloseTo(
        e.average_precision_sklearn as number,
        12,
      );
      expect(averagePrecision(scores, labels, { method: 'voc11' })).toBeCloseTo(
        e.voc07_11point_ap as number,
        12,
      );
      expect(
        averagePrecision(scores, labels, { method: 'voc11', exactThresholds: true }),
      ).toBeCloseTo(e.voc07_11point_ap_exact_thresholds as number, 12);
      expect(averagePrecision(scores, labels, { method: 'voc' })).toBeCloseTo(
        e.voc2010_allpoint_ap as number,
        12,
      );
      if ('coco101_ap' in e)
        expect(averagePrecision(scores, labels, { method: 'coco101' })).toBeCloseTo(
          e.coco101_ap as number,
          12,
        );
    });

    it('rocCurve (both dropIntermediate settings) and rocAuc', () => {
      const all = rocCurve(scores, labels, { dropIntermediate: false });
      expectTensorClose(all.fpr, e.roc_curve_no_drop.fpr, EXACT);
      expectTensorClose(all.tpr, e.roc_curve_no_drop.tpr, EXACT);
      expectTensorClose(all.thresholds, e.roc_curve_no_drop.thresholds, EXACT);
      if ('roc_curve_drop' in e) {
        const dropped = rocCurve(scores, labels);
        const d = e.roc_curve_drop as Expected['roc_curve_no_drop'];
        expectTensorClose(dropped.fpr, d.fpr, EXACT);
        expectTensorClose(dropped.tpr, d.tpr, EXACT);
        expectTensorClose(dropped.thresholds, d.thresholds, EXACT);
      }
      expect(rocAuc(scores, labels)).toBeCloseTo(e.roc_auc as number, 12);
    });
  },
);

describe('averagePrecision properties (random seeds)', () => {
  const methods = ['sklearn', 'voc11', 'voc', 'coco101'] as const;
  function sample(seed: number, n: number, decimals: number): Binary {
    const rng = createRng(seed);
    const labels = Array.from({ length: n }, () => (rng.bernoulli(0.4) ? 1 : 0));
    labels[0] = 1;
    const scores = labels.map((y) => Number((0.3 * y + rng.uniform(0, 0.8)).toFixed(decimals)));
    return { scores, labels };
  }

  it.each([1, 2, 3, 4, 5, 6])('lies in [0, 1] for every method (seed %i)', (seed) => {
    const { scores, labels } = sample(seed, 200, 2);
    for (const method of methods) {
      const ap = averagePrecision(scores, labels, { method });
      expect(ap).toBeGreaterThanOrEqual(0);
      expect(ap).toBeLessThanOrEqual(1 + 1e-12);
    }
  });

  it.each([7, 8, 9])('is 1 for a perfect ranking (seed %i)', (seed) => {
    const rng = createRng(seed);
    const labels = Array.from({ length: 50 }, () => (rng.bernoulli(0.3) ? 1 : 0));
    labels[3] = 1;
    const scores = labels.map((y, i) => y + i * 1e-3);
    for (const method of methods)
      expect(averagePrecision(scores, labels, { method })).toBeCloseTo(1, 12);
    expect(rocAuc(scores, labels)).toBe(1);
  });

  it.each([10, 11, 12])(
    'does not change when items with distinct scores are permuted (seed %i)',
    (seed) => {
      const { scores, labels } = sample(seed, 300, 9);
      const rng = createRng(seed + 100);
      const perm = rng.permutation(scores.length);
      const ps = Array.from(perm, (i) => scores[i]!);
      const pl = Array.from(perm, (i) => labels[i]!);
      for (const method of methods)
        expect(averagePrecision(ps, pl, { method })).toBeCloseTo(
          averagePrecision(scores, labels, { method }),
          12,
        );
      expect(rocAuc(ps, pl)).toBeCloseTo(rocAuc(scores, labels), 12);
    },
  );

  it('sklearn AP equals the per-threshold definition Σ (R_k − R_{k−1}) P_k written out naively', () => {
    const { scores, labels } = sample(42, 400, 2);
    const npos = labels.reduce((a, b) => a + b, 0);
    const distinct = [...new Set(scores)].sort((a, b) => b - a);
    let ap = 0;
    let prev = 0;
    for (const t of distinct) {
      const sel = scores.map((s, i) => [s, labels[i]!] as const).filter(([s]) => s >= t);
      const tp = sel.filter(([, y]) => y === 1).length;
      ap += (tp / npos - prev) * (tp / sel.length);
      prev = tp / npos;
    }
    expect(averagePrecision(scores, labels)).toBeCloseTo(ap, 12);
  });

  it('with no positive label returns 0 (scikit-learn 1.2 returns 0 and warns)', () => {
    expect(averagePrecision([0.1, 0.5], [0, 0])).toBe(0);
    expect(precisionRecallCurve([0.1, 0.5], [0, 0]).recall[0]).toBe(1);
  });

  it('accepts boolean labels and typed arrays', () => {
    expect(averagePrecision(new Float32Array([0.1, 0.9]), [false, true])).toBe(1);
  });
});

describe('classification metrics reject bad input', () => {
  it.each([
    ['different lengths', () => averagePrecision([0.1, 0.2], [1]), /same length/],
    ['NaN score', () => averagePrecision([0.1, Number.NaN], [1, 0]), /index 1/],
    ['label 2', () => precisionRecallCurve([0.1, 0.2, 0.3], [1, 0, 2]), /0 or 1.*index 2/],
    ['unknown method', () => averagePrecision([0.1], [1], { method: 'auc' as never }), /method/],
    ['one class for AUC', () => rocAuc([0.1, 0.2], [1, 1]), /one class/i],
    ['negative class id', () => confusionMatrix([0, -1], [0, 0]), /yTrue.*index 1/],
    [
      'class id ≥ numClasses',
      () => confusionMatrix([0, 1], [0, 3], { numClasses: 3 }),
      /yPred\[1\]/,
    ],
  ])('%s', (_name, f, message) => {
    expect(f).toThrow(InvalidArgumentError);
    expect(f).toThrow(message);
  });
});

describe('confusionMatrix matches scikit-learn', () => {
  const cases = loadGolden('metrics_extra').cases.filter(
    (c) => (c as { kind?: string }).kind === 'confusion',
  );
  it.each(cases)('$name', (c) => {
    const { y_true, y_pred } = c.inputs as { y_true: number[]; y_pred: number[] };
    const { num_classes } = c.params as { num_classes: number };
    expect(confusionMatrix(y_true, y_pred, { numClasses: num_classes })).toEqual(c.expected);
  });
});
