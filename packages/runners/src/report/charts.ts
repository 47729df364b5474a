import * as Plot from '@observablehq/plot';
import type { ReportEvaluationRow, ReportInput, ReportPoint, ReportPrCurve } from './types';

/** The DOM document charts are drawn into: the page's in a browser, `svgDocument()` in Node. */
export type ChartDocument = Document;

const WIDTH = 680;

function svg(chart: Element): string {
  return chart.outerHTML;
}

/** NT-Xent loss per step, with a 10-step moving average and an optional chance line. @internal */
export function lossChart(
  document: ChartDocument,
  losses: readonly number[],
  chance?: number,
): string {
  const data = losses.map((loss, i) => ({ step: i + 1, loss }));
  return svg(
    Plot.plot({
      document,
      width: WIDTH,
      height: 260,
      marginLeft: 48,
      x: { label: 'step' },
      y: { label: 'loss', grid: true },
      marks: [
        ...(chance === undefined
          ? []
          : [
              Plot.ruleY([chance], { stroke: '#b0b0b0', strokeDasharray: '4 4' }),
              Plot.text([chance], {
                y: (d: number) => d,
                frameAnchor: 'right',
                dy: -6,
                text: () => 'chance',
                fill: '#888',
              }),
            ]),
        Plot.lineY(data, { x: 'step', y: 'loss', stroke: '#c6d3e8' }),
        Plot.lineY(
          data,
          Plot.windowY(
            { k: 10, anchor: 'end' },
            { x: 'step', y: 'loss', stroke: '#2f5d9e', strokeWidth: 2 },
          ),
        ),
      ],
    }) as Element,
  );
}

/** Images per second of every step. @internal */
export function throughputChart(
  document: ChartDocument,
  stepSeconds: readonly number[],
  batchSize: number,
  firstStep: number,
): string {
  const data = stepSeconds.map((s, i) => ({ step: firstStep + i, rate: batchSize / s }));
  return svg(
    Plot.plot({
      document,
      width: WIDTH,
      height: 200,
      marginLeft: 48,
      x: { label: 'step' },
      y: { label: 'images / s', grid: true, zero: true },
      marks: [Plot.lineY(data, { x: 'step', y: 'rate', stroke: '#3a7d44' })],
    }) as Element,
  );
}

/** kNN and linear-probe accuracy of each representation, side by side. @internal */
export function accuracyChart(
  document: ChartDocument,
  rows: readonly ReportEvaluationRow[],
): string {
  const data = rows.flatMap((r) => [
    ...(r.knn === undefined
      ? []
      : [{ protocol: 'kNN', representation: r.name, accuracy: 100 * r.knn }]),
    ...(r.linear === undefined
      ? []
      : [{ protocol: 'linear probe', representation: r.name, accuracy: 100 * r.linear }]),
  ]);
  return barPanels(document, 'test accuracy (%)', [
    Plot.barY(data, { fx: 'protocol', x: 'representation', y: 'accuracy', fill: 'representation' }),
    Plot.text(data, {
      fx: 'protocol',
      x: 'representation',
      y: 'accuracy',
      text: (d: { accuracy: number }) => d.accuracy.toFixed(1),
      dy: -6,
    }),
  ]);
}

/** Few-shot accuracy per representation with its 95 % confidence interval. @internal */
export function fewShotChart(
  document: ChartDocument,
  rows: readonly ReportEvaluationRow[],
): string {
  const data = rows.flatMap((r) =>
    (r.fewShot ?? []).map((f) => ({
      task: `${f.ways}-way ${f.shots}-shot`,
      representation: r.name,
      mean: 100 * f.mean,
      lo: 100 * (f.mean - f.halfWidth),
      hi: 100 * (f.mean + f.halfWidth),
    })),
  );
  return barPanels(document, 'episode accuracy (%)', [
    Plot.barY(data, {
      fx: 'task',
      x: 'representation',
      y: 'mean',
      fill: 'representation',
      fillOpacity: 0.85,
    }),
    Plot.ruleX(data, { fx: 'task', x: 'representation', y1: 'lo', y2: 'hi', stroke: '#222' }),
    Plot.text(data, {
      fx: 'task',
      x: 'representation',
      y: 'hi',
      text: (d: { mean: number; hi: number }) =>
        `${d.mean.toFixed(1)} ± ${(d.hi - d.mean).toFixed(1)}`,
      dy: -6,
    }),
  ]);
}

/** Bars of a percentage per representation, one panel per facet (`fx`), colours in a legend. */
function barPanels(document: ChartDocument, yLabel: string, marks: Plot.Markish[]): string {
  return svg(
    Plot.plot({
      document,
      width: WIDTH,
      height: 240,
      marginLeft: 48,
      fx: { label: null },
      x: { axis: null },
      y: { label: yLabel, grid: true, domain: [0, 100] },
      color: { legend: true, scheme: 'tableau10' },
      marks,
    }) as Element,
  );
}

/** The embedding scatter, coloured by label. @internal */
export function embeddingChart(
  document: ChartDocument,
  points: readonly ReportPoint[],
  explained?: readonly [number, number],
): string {
  const pct = (i: 0 | 1) =>
    explained ? ` (${(100 * explained[i]).toFixed(1)} % of variance)` : '';
  return svg(
    Plot.plot({
      document,
      width: WIDTH,
      height: 460,
      marginLeft: 48,
      x: { label: `PC 1${pct(0)}` },
      y: { label: `PC 2${pct(1)}` },
      color: { type: 'ordinal', scheme: 'tableau10', legend: true },
      marks: [
        Plot.dot(points, {
          x: 'x',
          y: 'y',
          fill: (d: ReportPoint) => String(d.label),
          r: 1.8,
          fillOpacity: 0.75,
        }),
      ],
    }) as Element,
  );
}

/** COCO precision-recall curves, one per IoU threshold. @internal */
export function prCurvesChart(document: ChartDocument, curves: readonly ReportPrCurve[]): string {
  const data = curves.flatMap((c) =>
    c.recall.map((recall, i) => ({
      iou: c.iouThreshold.toFixed(2),
      recall,
      precision: c.precision[i] as number,
    })),
  );
  return svg(
    Plot.plot({
      document,
      width: WIDTH,
      height: 380,
      marginLeft: 48,
      x: { label: 'recall', domain: [0, 1] },
      y: { label: 'precision', domain: [0, 1], grid: true },
      color: { type: 'ordinal', scheme: 'viridis', legend: true, label: 'IoU threshold' },
      marks: [Plot.line(data, { x: 'recall', y: 'precision', stroke: 'iou', curve: 'step-after' })],
    }) as Element,
  );
}

/** Which charts a report input has data for. @internal */
export function hasCharts(input: ReportInput): boolean {
  return Boolean(input.training || input.evaluation || input.embedding || input.coco);
}
