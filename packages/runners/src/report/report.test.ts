import { createRng } from '@tessera/core';
import { evaluateCoco, type CocoDetection, type CocoGroundTruth } from '@tessera/metrics';
import { describe, expect, it } from 'vitest';
import { cocoPrCurves } from './coco-curves';
import { renderReport } from './render-report';
import type { ReportInput } from './types';
import { parseHTML } from 'linkedom';
import { svgDocument } from './svg-document';

function randomCoco(seed: number) {
  const rng = createRng(seed);
  const images = Array.from({ length: 12 }, (_, i) => ({ id: i + 1 }));
  const categories = [{ id: 1 }, { id: 2 }, { id: 3 }];
  const annotations: Array<CocoGroundTruth['annotations'][number]> = [];
  const dets: CocoDetection[] = [];
  let id = 1;
  for (const img of images)
    for (const cat of categories) {
      const count = 1 + Math.floor(rng.next() * 3);
      for (let j = 0; j < count; j++) {
        const [x, y, w, h] = [
          rng.next() * 200,
          rng.next() * 200,
          20 + rng.next() * 80,
          20 + rng.next() * 80,
        ];
        annotations.push({
          id: id++,
          image_id: img.id,
          category_id: cat.id,
          bbox: [x, y, w, h],
          area: w * h,
          iscrowd: 0,
        });
        // A jittered detection of it, and sometimes a stray one.
        const jitter = () => (rng.next() - 0.5) * 0.4 * w;
        dets.push({
          image_id: img.id,
          category_id: cat.id,
          bbox: [x + jitter(), y + jitter(), w, h],
          score: rng.next(),
        });
        if (rng.next() < 0.3)
          dets.push({
            image_id: img.id,
            category_id: cat.id,
            bbox: [rng.next() * 200, rng.next() * 200, 40, 40],
            score: rng.next(),
          });
      }
    }
  return { gt: { images, categories, annotations } as CocoGroundTruth, dets };
}

describe('cocoPrCurves', () => {
  it.each([1, 2])(
    'averages precision over categories per IoU threshold; the curves average to AP (seed %i)',
    (seed) => {
      const { gt, dets } = randomCoco(seed);
      const result = evaluateCoco(gt, dets);
      const curves = cocoPrCurves(result);
      expect(curves.map((c) => c.iouThreshold)).toEqual(result.params.iouThresholds);
      for (const c of curves) {
        expect(c.recall).toEqual(result.params.recallThresholds);
        for (let i = 1; i < c.precision.length; i++)
          expect(c.precision[i]!).toBeLessThanOrEqual(c.precision[i - 1]! + 1e-12);
      }
      // Every category has ground truth, so the mean over (t, r) of the category means is pycocotools' AP.
      const all = curves.flatMap((c) => c.precision);
      expect(all.reduce((a, b) => a + b, 0) / all.length).toBeCloseTo(result.statsByName.AP, 12);
      const at50 = curves[0]!.precision;
      expect(at50.reduce((a, b) => a + b, 0) / at50.length).toBeCloseTo(
        result.statsByName.AP50,
        12,
      );
    },
  );

  it('perfect detections give precision 1 at every recall threshold', () => {
    const { gt } = randomCoco(3);
    const dets = gt.annotations.map((a) => ({
      image_id: a.image_id,
      category_id: a.category_id,
      bbox: a.bbox,
      score: 1,
    }));
    for (const c of cocoPrCurves(evaluateCoco(gt, dets)))
      expect(new Set(c.precision)).toEqual(new Set([1]));
  });
});

describe('renderReport', () => {
  const points = Array.from({ length: 50 }, (_, i) => ({
    x: Math.cos(i),
    y: Math.sin(i),
    label: i % 10,
  }));
  const input: ReportInput = {
    title: 'simclr on <mnist>',
    config: { method: 'simclr', batchSize: 256, classes: [0, 1] },
    backend: { name: 'wasm', reason: '2 threads' },
    training: {
      losses: Array.from({ length: 30 }, (_, i) => 6 - i / 30),
      stepSeconds: Array.from({ length: 30 }, () => 2),
      batchSize: 256,
      steps: 30,
      epochs: 0.13,
      trainSeconds: 60,
      timings: { data: 1, augment: 10, step: 49 },
      chanceLoss: Math.log(511),
    },
    evaluation: {
      rows: [
        {
          name: 'pretrained',
          dim: 128,
          probeDim: 160,
          knn: 0.9,
          linear: 0.95,
          fewShot: [{ ways: 5, shots: 1, mean: 0.5, halfWidth: 0.01, episodes: 600 }],
        },
        {
          name: 'random-init',
          dim: 128,
          knn: 0.8,
          linear: 0.9,
          fewShot: [{ ways: 5, shots: 1, mean: 0.3, halfWidth: 0.01, episodes: 600 }],
        },
      ],
      fewShotClasses: [5, 6, 7, 8, 9],
    },
    embedding: { points, explained: [0.3, 0.2] },
  };

  it('is one self-contained page: every section, inline SVG charts, escaped text, no script or fetch', () => {
    const html = renderReport(input, { document: svgDocument(), generatedAt: new Date(0) });
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<title>simclr on &lt;mnist&gt;</title>');
    for (const h of ['Run', 'Training', 'Evaluation', 'Embedding'])
      expect(html).toContain(`<h2>${h}</h2>`);
    expect(html).not.toContain('COCO evaluation');
    // loss, throughput, accuracy bars, few-shot bars, scatter
    expect(html.match(/<svg[\s>]/g)?.length).toBeGreaterThanOrEqual(5);
    expect(html.match(/<circle/g)?.length).toBe(points.length);
    expect(html).toMatch(/<td>90\.00<\/td><td>95\.00<\/td><td>50\.00 ± 1\.00<\/td>/);
    // a probe that read more features than the representation says so
    expect(html).toContain('<td>128 (probe 160)</td>');
    expect(html).toMatch(/<td>random-init<\/td><td>128<\/td>/);
    expect(html).toContain('Throughput: 128 images/s');
    expect(html).not.toMatch(/<script|<link|src=|https?:\/\/(?!www\.w3\.org)/);
    expect(html).toContain('1970-01-01 00:00:00');
  });

  it('names the best representation of each column, and says which classes pretraining saw', () => {
    const rows = [
      ...input.evaluation!.rows,
      {
        name: 'raw-pixels',
        dim: 784,
        knn: 0.97,
        linear: 0.9,
        fewShot: [{ ways: 5, shots: 1, mean: 0.5, halfWidth: 0.02, episodes: 600 }],
      },
    ];
    const heldOut = renderReport(
      {
        ...input,
        evaluation: {
          ...input.evaluation!,
          rows,
          fewShotProtocol: 'held-out',
          pretrainClasses: [0, 1, 2, 3, 4],
        },
      },
      { document: svgDocument() },
    );
    expect(heldOut).toContain(
      'Best per column:</strong> kNN — raw-pixels; linear probe — pretrained; 5-way 1-shot — pretrained = raw-pixels.',
    );
    expect(heldOut).toContain(
      'few-shot episodes from test classes 5, 6, 7, 8, 9 — classes pretraining never saw (it saw only 0, 1, 2, 3, 4)',
    );
    const seen = renderReport(
      { ...input, evaluation: { ...input.evaluation!, pretrainClasses: [0, 5] } },
      { document: svgDocument() },
    );
    expect(seen).toContain('(pretraining saw classes 0, 5, unlabelled)');
    const one = renderReport(
      { ...input, evaluation: { ...input.evaluation!, rows: rows.slice(0, 1) } },
      { document: svgDocument() },
    );
    expect(one).not.toContain('Best per column');
  });

  it('draws one PR curve per IoU threshold for COCO, and leaves out sections without data', () => {
    const { gt, dets } = randomCoco(5);
    const result = evaluateCoco(gt, dets);
    const html = renderReport(
      { title: 'coco', coco: { statsByName: result.statsByName, curves: cocoPrCurves(result) } },
      { document: svgDocument() },
    );
    expect(html).toContain('<h2>COCO evaluation</h2>');
    expect(html).not.toContain('<h2>Training</h2>');
    expect(html).toContain(`<td>AP</td><td>${result.statsByName.AP.toFixed(3)}</td>`);
    const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    const curvesSvg = svgs.find((s) => s.includes('precision'));
    expect(curvesSvg?.match(/<path/g)?.length).toBeGreaterThanOrEqual(10);
  });
  it('svgDocument serialises every chart as linkedom’s full DOM does (attribute order aside)', () => {
    const linkedom = () =>
      parseHTML('<!doctype html><html><head></head><body></body></html>')
        .document as unknown as Document;
    // attributes sorted within each tag: linkedom writes the last one set first, a browser the first
    const sorted = (html: string) =>
      html.replace(
        /<([a-zA-Z][^\s>/]*)((?:\s[^\s=>]+="[^"]*")*)( \/)?>/g,
        (_, tag: string, attributes: string, close?: string) =>
          `<${tag}${(attributes.match(/\s[^\s=>]+="[^"]*"/g) ?? []).sort().join('')}${close ?? ''}>`,
      );
    const { gt, dets } = randomCoco(7);
    const coco = evaluateCoco(gt, dets);
    const inputs: ReportInput[] = [
      input,
      {
        ...input,
        evaluation: { ...input.evaluation!, fewShotProtocol: 'held-out', pretrainClasses: [0, 1] },
      },
      { title: 'coco', coco: { statsByName: coco.statsByName, curves: cocoPrCurves(coco) } },
    ];
    for (const report of inputs) {
      const at = new Date(0);
      const mine = renderReport(report, { document: svgDocument(), generatedAt: at });
      const theirs = renderReport(report, { document: linkedom(), generatedAt: at });
      expect(mine.match(/<svg[\s>]/g)?.length).toBeGreaterThanOrEqual(report.coco ? 1 : 5);
      expect(sorted(mine)).toBe(sorted(theirs));
    }
  });
});
