import { createRng, InvalidArgumentError } from '@tessera/core';
import { expectTensorClose, loadGolden } from '@tessera/test-utils';
import { describe, expect, it } from 'vitest';
import type { CocoDetection, CocoGroundTruth } from './coco-types';
import { evaluateCoco } from './evaluate-coco';
import { evaluateVoc } from './evaluate-voc';
import { formatCocoStats } from './format-coco-stats';

const EXACT = { rtol: 1e-9, atol: 1e-12 };
type Inputs = { gt: CocoGroundTruth; detections: CocoDetection[] };
type Voc = Record<string, { per_class_ap: number[]; mAP?: number }>;
type Expected = {
  coco_stats_list: number[];
  per_class_AP_50_95: Record<string, number> | number[];
  per_class_AP50: Record<string, number> | number[];
  per_class_AP75: Record<string, number> | number[];
  'voc_at_iou0.5': Voc;
  precision?: unknown;
  recall?: unknown;
  headline_at_largest_maxDets?: number[];
};
const shared = loadGolden('detection_map').cases;
const extra = loadGolden('metrics_extra').cases.filter(
  (c) => (c as { kind?: string }).kind === 'coco',
);
const values = (x: Record<string, number> | number[]): number[] =>
  Array.isArray(x) ? x : Object.values(x);

describe.each([...shared, ...extra])('evaluateCoco equals pycocotools (numpy port): $name', (c) => {
  const { gt, detections } = c.inputs as Inputs;
  const e = c.expected as Expected;
  const maxDets = ((c.params as { maxDets?: number[] } | undefined)?.maxDets ?? [1, 10, 100]) as [
    number,
    number,
    number,
  ];
  const result = evaluateCoco(gt, detections, { maxDets });

  it('the twelve summary numbers', () => {
    expectTensorClose(result.stats, e.coco_stats_list, EXACT);
  });

  it('per-category AP, AP50, AP75', () => {
    expectTensorClose(
      result.perCategory.map((p) => p.ap),
      values(e.per_class_AP_50_95),
      EXACT,
    );
    expectTensorClose(
      result.perCategory.map((p) => p.ap50),
      values(e.per_class_AP50),
      EXACT,
    );
    expectTensorClose(
      result.perCategory.map((p) => p.ap75),
      values(e.per_class_AP75),
      EXACT,
    );
  });

  it('the precision and recall arrays', () => {
    const [T, R, K, A, M] = result.precisionShape;
    const aux = c.aux as Record<string, unknown> | undefined;
    const partial =
      aux?.precision_T_R_K_areaAll_maxDet100 ??
      (Array.isArray((e.precision as number[][][])[0]?.[0]?.[0]) ? undefined : e.precision);
    if (partial !== undefined) {
      // [T, R, K] at area 'all', the largest maxDets
      const slice = new Float64Array(T * R * K);
      for (let t = 0; t < T; t++)
        for (let r = 0; r < R; r++)
          for (let k = 0; k < K; k++)
            slice[(t * R + r) * K + k] =
              result.precision[(((t * R + r) * K + k) * A + 0) * M + M - 1]!;
      expectTensorClose(slice, partial as number[][][], EXACT);
    } else {
      expectTensorClose(result.precision, e.precision as number[], EXACT);
    }
    expectTensorClose(result.recall, (aux?.recall_T_K_A_M ?? e.recall) as number[], EXACT);
  });

  if (e.headline_at_largest_maxDets)
    it('useMaxDetsForHeadline reports AP at the largest maxDets where pycocotools reports −1', () => {
      expect(result.stats[0]).toBe(-1);
      const fixed = evaluateCoco(gt, detections, { maxDets, useMaxDetsForHeadline: true });
      expectTensorClose(fixed.stats.slice(0, 6), e.headline_at_largest_maxDets!, EXACT);
      expectTensorClose(fixed.stats.slice(6), e.coco_stats_list.slice(6), EXACT);
    });

  it('evaluateVoc matches py-faster-rcnn voc_eval (all-point / 11-point, continuous / +1 pixel)', () => {
    for (const [key, expected] of Object.entries(e['voc_at_iou0.5'])) {
      const voc = evaluateVoc(gt, detections, {
        use07Metric: key.startsWith('voc07'),
        pixelPlusOne: key.endsWith('plus1_pixel'),
      });
      expectTensorClose(
        voc.perCategory.map((p) => p.ap),
        expected.per_class_ap,
        EXACT,
      );
      if (expected.mAP !== undefined) expect(voc.mAP).toBeCloseTo(expected.mAP, 12);
    }
  });
});

function randomDataset(seed: number): Inputs {
  const rng = createRng(seed);
  const images = Array.from({ length: 6 }, (_, i) => ({ id: i + 1 }));
  const categories = [{ id: 3 }, { id: 7 }, { id: 9 }];
  const annotations = [];
  for (const im of images)
    for (let j = 0; j < rng.nextInt(6); j++) {
      const [w, h] = [rng.uniform(5, 150), rng.uniform(5, 150)];
      annotations.push({
        id: annotations.length + 1,
        image_id: im.id,
        category_id: categories[rng.nextInt(3)]!.id,
        bbox: [rng.uniform(0, 300), rng.uniform(0, 300), w, h],
        area: w * h,
        iscrowd: rng.bernoulli(0.1) ? 1 : 0,
      });
    }
  return { gt: { images, categories, annotations }, detections: [] };
}

describe('evaluateCoco properties', () => {
  it.each([1, 2, 3, 4])(
    'the ground truth itself as detections scores AP 1 for every category with objects (seed %i)',
    (seed) => {
      const { gt } = randomDataset(seed);
      const dets = gt.annotations
        .filter((a) => !a.iscrowd)
        .map((a) => ({ image_id: a.image_id, category_id: a.category_id, bbox: a.bbox, score: 1 }));
      const r = evaluateCoco(gt, dets);
      for (const p of r.perCategory) {
        const counted = gt.annotations.some((a) => a.category_id === p.categoryId && !a.iscrowd);
        // 1 up to COCO's ε in TP / (TP + FP + ε), as in pycocotools
        expect(p.ap).toBeCloseTo(counted ? 1 : -1, 12);
      }
    },
  );

  it('an evaluation without detections gives AP 0 where there are objects', () => {
    const { gt } = randomDataset(5);
    const r = evaluateCoco(gt, []);
    expect(r.stats[0]).toBe(0);
    expect(r.stats[8]).toBe(0);
  });

  it('prints the summary as pycocotools does', () => {
    const { gt, detections } = shared[0]!.inputs as Inputs;
    const text = formatCocoStats(evaluateCoco(gt, detections));
    expect(text.split('\n')[0]).toBe(
      ' Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = 0.508',
    );
    expect(text.split('\n')).toHaveLength(12);
  });
});

describe('evaluateCoco rejects bad input', () => {
  const gt: CocoGroundTruth = {
    images: [{ id: 1 }],
    categories: [{ id: 1 }],
    annotations: [{ id: 1, image_id: 1, category_id: 1, bbox: [0, 0, 10, 10] }],
  };
  const det = { image_id: 1, category_id: 1, bbox: [0, 0, 10, 10], score: 0.5 };
  it.each([
    [
      'unknown image_id',
      () => evaluateCoco(gt, [det, { ...det, image_id: 4 }]),
      /detections\[1\]\.image_id 4/,
    ],
    [
      'unknown category_id',
      () => evaluateCoco(gt, [{ ...det, category_id: 2 }]),
      /detections\[0\]\.category_id 2/,
    ],
    ['negative width', () => evaluateCoco(gt, [{ ...det, bbox: [0, 0, -1, 5] }]), /negative width/],
    ['NaN score', () => evaluateCoco(gt, [{ ...det, score: Number.NaN }]), /score/],
    [
      'bad bbox in ground truth',
      () => evaluateCoco({ ...gt, annotations: [{ ...gt.annotations[0]!, bbox: [1, 2, 3] }] }, []),
      /annotations\[0\]\.bbox/,
    ],
    [
      'not COCO',
      () => evaluateCoco({} as CocoGroundTruth, []),
      /images, categories and annotations/,
    ],
    ['two maxDets', () => evaluateCoco(gt, [], { maxDets: [1, 10] as never }), /three limits/],
    ['VOC threshold', () => evaluateVoc(gt, [], { iouThreshold: 2 }), /iouThreshold/],
  ])('%s', (_name, f, message) => {
    expect(f).toThrow(InvalidArgumentError);
    expect(f).toThrow(message);
  });
});
