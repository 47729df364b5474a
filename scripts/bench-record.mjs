#!/usr/bin/env node
// Turns a package's vitest bench JSON (.bench/raw.json) into bench-results/<package>.json at the
// repository root: one row per benchmark with name, median, min, max, samples, backend and the
// machine it ran on. Run from the package folder (its `bench` script does). Never fails on a time.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { machine } from './machine.mjs';
import path from 'node:path';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const raw = JSON.parse(readFileSync('.bench/raw.json', 'utf8'));
const short = pkg.name.replace(/^@tessera\//, '');

// A benchmark states its TF.js backend as "[cpu]" / "[wasm]" / "[wasm, 2 threads]" in its name or group; pure JS
// benchmarks have none.
const backendOf = (...names) => {
  for (const n of names) {
    const m = /\[(cpu|wasm|webgl|webgpu|tensorflow)[\],]/.exec(n);
    if (m) return m[1];
  }
  return 'none';
};

// A benchmark that processes a known number of images says so as "<N> images" in its name; its
// row then gets images per second (from the median).
const throughput = (name, median) => {
  const m = /(\d+) images\b/.exec(name);
  if (!m) return {};
  const imagesPerIteration = Number(m[1]);
  return { imagesPerIteration, imagesPerSecond: (imagesPerIteration * 1000) / median };
};

const results = [];
for (const file of raw.files) {
  for (const group of file.groups) {
    for (const b of group.benchmarks) {
      results.push({
        name: b.name,
        group: group.fullName.replace(/^.*? > /, ''),
        file: path.relative(process.cwd(), file.filepath),
        unit: 'ms',
        median: b.median,
        mean: b.mean,
        min: b.min,
        max: b.max,
        samples: b.sampleCount,
        hz: b.hz,
        rme: b.rme,
        backend: backendOf(b.name, group.fullName),
        ...throughput(b.name, b.median),
      });
    }
  }
}

// A package may run its reference (PyTorch…) in the same `pnpm bench` and leave
// .bench/reference.json = {results: {key: {median_ms, …}}, pairs: {benchName: key}}; matching rows
// get the reference median and the ratio (ours / reference; < 1 means faster than the reference).
let reference = null;
if (existsSync('.bench/reference.json')) {
  const ref = JSON.parse(readFileSync('.bench/reference.json', 'utf8'));
  if (ref.unavailable) {
    reference = { unavailable: ref.unavailable };
  } else {
    reference = { torch: ref.torch, threads: ref.threads, results: ref.results };
    for (const row of results) {
      const key = ref.pairs?.[row.name];
      const r = key && ref.results[key];
      if (r) {
        row.reference = {
          name: key,
          median: r.median_ms,
          min: r.min_ms,
          max: r.max_ms,
          samples: r.reps,
          source: `torch ${ref.torch} cpu, ${ref.threads} threads`,
        };
        row.ratio = row.median / r.median_ms;
        if (row.imagesPerIteration)
          row.reference.imagesPerSecond = (row.imagesPerIteration * 1000) / r.median_ms;
      }
    }
  }
}

const record = {
  package: pkg.name,
  date: new Date().toISOString(),
  machine: machine(),
  results,
  ...(reference ? { reference } : {}),
};
const outDir = path.resolve('../../bench-results');
mkdirSync(outDir, { recursive: true });
writeFileSync(path.join(outDir, `${short}.json`), `${JSON.stringify(record, null, 2)}\n`);
console.log(`bench-record: ${results.length} results → bench-results/${short}.json`);
