#!/usr/bin/env node
// Turns a package's vitest bench JSON (.bench/raw.json) into bench-results/<package>.json at the
// repository root: one row per benchmark with name, median, min, max, samples, backend and the
// machine it ran on. Run from the package folder (its `bench` script does). Never fails on a time.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const raw = JSON.parse(readFileSync('.bench/raw.json', 'utf8'));
const short = pkg.name.replace(/^@tessera\//, '');

// A benchmark states its TF.js backend as "[cpu]" / "[wasm]" in its name or group; pure JS
// benchmarks have none.
const backendOf = (...names) => {
  for (const n of names) {
    const m = /\[(cpu|wasm|webgl|webgpu|tensorflow)\]/.exec(n);
    if (m) return m[1];
  }
  return 'none';
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
      });
    }
  }
}

const cpus = os.cpus();
const record = {
  package: pkg.name,
  date: new Date().toISOString(),
  machine: {
    platform: `${os.platform()}-${os.arch()}`,
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
  },
  results,
};
const outDir = path.resolve('../../bench-results');
mkdirSync(outDir, { recursive: true });
writeFileSync(path.join(outDir, `${short}.json`), `${JSON.stringify(record, null, 2)}\n`);
console.log(`bench-record: ${results.length} results → bench-results/${short}.json`);
