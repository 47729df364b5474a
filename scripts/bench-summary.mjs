#!/usr/bin/env node
// Prints one table of every bench-results/*.json written by `pnpm bench`. Times are medians in ms;
// compare ratios within one run, not stored times across machines.
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const dir = new URL('../bench-results/', import.meta.url);
const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
if (files.length === 0) {
  console.log('bench-summary: no results in bench-results/ (no package has a bench script yet).');
  process.exit(0);
}
const rows = [];
const mainJobs = [];
let machine;
for (const f of files.sort()) {
  const rec = JSON.parse(readFileSync(new URL(f, dir), 'utf8'));
  // other tools write here too (test:install-size's install-size.json): only bench records count
  if (!Array.isArray(rec.results)) continue;
  machine ??= rec.machine;
  if (rec.mainJob) mainJobs.push(rec.mainJob);
  for (const r of rec.results) {
    rows.push([
      rec.package,
      `${r.group} › ${r.name}`,
      r.backend,
      r.median.toPrecision(4),
      r.min.toPrecision(4),
      r.max.toPrecision(4),
      String(r.samples),
      r.reference ? `${r.reference.median.toPrecision(4)} (${r.reference.name})` : '',
      r.ratio ? `${r.ratio.toFixed(2)}×` : '',
      r.imagesPerSecond
        ? `${r.imagesPerSecond.toFixed(0)}${r.reference?.imagesPerSecond ? ` (${r.reference.imagesPerSecond.toFixed(0)})` : ''}`
        : '',
    ]);
  }
}
const head = [
  'package',
  'benchmark',
  'backend',
  'median ms',
  'min ms',
  'max ms',
  'samples',
  'reference median ms',
  'ratio',
  'images/s (ref)',
];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) =>
  cells.map((c, i) => (i >= 3 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
console.log(
  `\nBenchmarks on ${machine.cpu} (${machine.cores} cores, ${machine.memoryGiB} GiB, node ${machine.node})\n`,
);
console.log(line(head));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) console.log(line(r));
console.log(
  '\nratio = our median / the reference median, measured in the same run (< 1: faster than the reference).',
);
for (const job of mainJobs) {
  const s = job.split;
  console.log(
    `\nMain job (${job.command}, ${job.backend}): ${job.steps} steps at ${job.secondsPerStep.toFixed(2)} s/step (${job.imagesPerSecond.toFixed(0)} images/s); ` +
      `wall ${job.wallSeconds.toFixed(0)} s = data ${s.data.toFixed(1)} s + augmentation ${s.augmentation.toFixed(1)} s + ` +
      `forward/backward/update ${s.forwardBackward.toFixed(1)} s + evaluation ${s.evaluation.toFixed(1)} s (+ loading and saving).`,
  );
}
