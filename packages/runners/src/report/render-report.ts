import {
  accuracyChart,
  embeddingChart,
  fewShotChart,
  lossChart,
  prCurvesChart,
  throughputChart,
  type ChartDocument,
} from './charts';
import { columnWinners } from './column-winners';
import { svgDocument } from './svg-document';
import type { ReportInput } from './types';

/** Options of {@link renderReport}. @category Report */
export interface RenderReportOptions {
  /**
   * The DOM document the charts (Observable Plot) are drawn with. Default: the page's `document`
   * in a browser; elsewhere (Node) `svgDocument()`, a small DOM of Tessera's that is enough for
   * Plot's static charts.
   */
  document?: ChartDocument;
  /** Shown in the footer. Default: now. */
  generatedAt?: Date;
}

const escape = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

const pct = (v: number | undefined) => (v === undefined ? '–' : (100 * v).toFixed(2));

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const th = head.map((h) => `<th>${escape(h)}</th>`).join('');
  const tr = rows.map((r) => `<tr>${r.map((c) => `<td>${escape(c)}</td>`).join('')}</tr>`).join('');
  return `<table><thead><tr>${th}</tr></thead><tbody>${tr}</tbody></table>`;
}

function section(title: string, body: string): string {
  return `<section><h2>${escape(title)}</h2>${body}</section>`;
}

function figure(chart: string, caption?: string): string {
  return `<figure>${chart}${caption ? `<figcaption>${escape(caption)}</figcaption>` : ''}</figure>`;
}

/**
 * A self-contained HTML report (inline SVG charts drawn with Observable Plot, inline CSS, no
 * scripts, nothing fetched): config and backend, loss curve and throughput, the evaluation table
 * against the baselines, few-shot accuracy with its confidence interval, an embedding scatter,
 * and, for COCO, the precision-recall curves per IoU threshold. Sections without data are left out.
 * @example
 * ```ts
 * const html = renderReport({ title: 'SimCLR on MNIST', training: { losses, steps: losses.length } });
 * ```
 * @category Report
 */
export function renderReport(input: ReportInput, options: RenderReportOptions = {}): string {
  const document = options.document ?? globalThis.document ?? svgDocument();
  const parts: string[] = [];
  if (input.notes?.length)
    parts.push(input.notes.map((n) => `<p class="note">${escape(n)}</p>`).join(''));
  if (input.config || input.backend) {
    const rows: string[][] = Object.entries(input.config ?? {})
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => [k, typeof v === 'object' ? JSON.stringify(v) : String(v)]);
    if (input.backend && !rows.some(([k]) => k === 'backend'))
      rows.push(['backend', input.backend.name]);
    let body = table(['setting', 'value'], rows);
    if (input.backend?.reason)
      body += `<p class="small">Backend: ${escape(input.backend.reason)}</p>`;
    parts.push(section('Run', body));
  }
  const t = input.training;
  if (t && t.losses.length > 0) {
    const facts = [
      `${t.steps} steps`,
      ...(t.epochs === undefined ? [] : [`${t.epochs.toFixed(2)} epochs`]),
      ...(t.trainSeconds === undefined ? [] : [`${t.trainSeconds.toFixed(0)} s of training`]),
      `final loss (mean of the last 10 steps) ${mean(t.losses.slice(-10)).toFixed(4)}`,
    ];
    let body = `<p>${escape(facts.join(' · '))}</p>`;
    body += figure(
      lossChart(document, t.losses, t.chanceLoss),
      'Loss per step (light) and its 10-step moving average.',
    );
    if (t.stepSeconds?.length && t.batchSize) {
      const rate = (t.stepSeconds.length * t.batchSize) / t.stepSeconds.reduce((a, b) => a + b, 0);
      body += figure(
        throughputChart(document, t.stepSeconds, t.batchSize, t.steps - t.stepSeconds.length + 1),
        `Throughput: ${rate.toFixed(0)} images/s on average (data, augmentation and the step).`,
      );
    }
    if (t.timings)
      body += table(
        ['phase', 'seconds'],
        Object.entries(t.timings).map(([k, v]) => [k, v.toFixed(1)]),
      );
    parts.push(section('Training', body));
  }
  const e = input.evaluation;
  if (e && e.rows.length > 0) {
    const shots = e.rows[0]?.fewShot ?? [];
    const head = [
      'representation',
      'dim',
      'kNN %',
      'linear probe %',
      ...shots.map((s) => `${s.ways}-way ${s.shots}-shot %`),
    ];
    const rows = e.rows.map((r) => [
      r.name,
      r.probeDim ? `${r.dim} (probe ${r.probeDim})` : String(r.dim),
      pct(r.knn),
      pct(r.linear),
      ...(r.fewShot ?? []).map((f) => `${pct(f.mean)} ± ${(100 * f.halfWidth).toFixed(2)}`),
    ]);
    const about = [
      ...(e.trainImages
        ? [`kNN memory and linear probe fitted on ${e.trainImages} training images`]
        : []),
      ...(e.testImages ? [`scored on ${e.testImages} test images`] : []),
      ...(e.fewShotClasses
        ? [
            `few-shot episodes from test classes ${e.fewShotClasses.join(', ')}${fewShotSeen(e)} (± = 95 % confidence half-width)`,
          ]
        : []),
    ];
    let body = table(head, rows);
    const winners = columnWinners(e.rows);
    if (e.rows.length > 1 && winners.length)
      body += `<p class="winners"><strong>Best per column:</strong> ${escape(winners.map((w) => `${w.column} — ${w.winner}`).join('; '))}.</p>`;
    if (about.length) body += `<p class="small">${escape(about.join('; '))}.</p>`;
    if (e.rows.some((r) => r.knn !== undefined || r.linear !== undefined))
      body += figure(accuracyChart(document, e.rows));
    if (shots.length)
      body += figure(
        fewShotChart(document, e.rows),
        'Few-shot accuracy; bars show the 95 % confidence interval over episodes.',
      );
    parts.push(section('Evaluation', body));
  }
  if (input.embedding && input.embedding.points.length > 0)
    parts.push(
      section(
        'Embedding',
        figure(
          embeddingChart(document, input.embedding.points, input.embedding.explained),
          input.embedding.caption ??
            'The representation projected on its first two principal axes, coloured by label.',
        ),
      ),
    );
  if (input.coco) {
    const names = Object.keys(input.coco.statsByName);
    let body = table(
      ['metric', 'value'],
      names.map((n) => [n, (input.coco?.statsByName[n] as number).toFixed(3)]),
    );
    if (input.coco.curves.length)
      body += figure(
        prCurvesChart(document, input.coco.curves),
        'Precision at each recall threshold (area all, largest maxDets), averaged over categories, one curve per IoU threshold.',
      );
    parts.push(section('COCO evaluation', body));
  }
  const when = (options.generatedAt ?? new Date()).toISOString().replace('T', ' ').slice(0, 19);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(input.title)}</title>
<style>${STYLE}</style></head>
<body><main><h1>${escape(input.title)}</h1>
${parts.join('\n')}
<footer>Written by Tessera on ${escape(when)} UTC. Charts drawn with Observable Plot.</footer>
</main></body></html>
`;
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
}

const STYLE = `
:root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d2330; }
body { margin: 0; background: #f6f7f9; }
main { max-width: 760px; margin: 0 auto; padding: 24px 24px 48px; background: #fff; }
h1 { font-size: 1.6rem; margin: 0.2em 0 0.6em; }
h2 { font-size: 1.15rem; margin: 1.8em 0 0.6em; border-bottom: 1px solid #e3e6eb; padding-bottom: 0.2em; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; font-size: 0.9rem; margin: 0.5em 0; }
th, td { text-align: left; padding: 3px 12px 3px 0; border-bottom: 1px solid #eef0f3; vertical-align: top; }
td { word-break: break-word; }
figure { margin: 1em 0; }
figcaption, .small, footer { color: #5b6475; font-size: 0.85rem; }
footer { margin-top: 3em; }
svg { max-width: 100%; height: auto; }
`;

/** What the few-shot classes were to pretraining: never seen (held out), or seen unlabelled. */
function fewShotSeen(e: NonNullable<ReportInput['evaluation']>): string {
  if (!e.pretrainClasses) return '';
  const seen = e.pretrainClasses.join(', ');
  return e.fewShotProtocol === 'held-out'
    ? ` — classes pretraining never saw (it saw only ${seen})`
    : ` (pretraining saw classes ${seen}, unlabelled)`;
}
