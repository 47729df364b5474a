#!/usr/bin/env node
// The release, rehearsed: a copy of the working tree (tracked and untracked files, each package's
// built dist/, the installed node_modules linked) runs `changeset version` — every pending
// changeset applied to versions and changelogs — then `pnpm -r publish --dry-run`, which packs
// each public package as the registry would receive it. Fails when either fails, when a
// changeset is left unapplied, or when a package would leave 0.x (a 1.0.0 is a decision, not the
// side effect of a `major` changeset; pass --allow-1.0 to make it). The repository is untouched.
// Usage (after `pnpm build`): node scripts/release-dry-run.mjs [--allow-1.0] [--keep]
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from './run-command.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const allowMajor = process.argv.includes('--allow-1.0');
const keep = process.argv.includes('--keep');
const copy = mkdtempSync(path.join(tmpdir(), 'tessera-release-'));
const manifest = (dir) => JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));

let failed = false;
try {
  const files = run('git', ['ls-files', '-co', '--exclude-standard', '-z'], ROOT)
    .split('\0')
    .filter((f) => f && existsSync(path.join(ROOT, f)));
  for (const f of files) {
    mkdirSync(path.dirname(path.join(copy, f)), { recursive: true });
    cpSync(path.join(ROOT, f), path.join(copy, f));
  }
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'));
  const packages = readdirSync(path.join(ROOT, 'packages'));
  for (const p of packages) {
    const from = path.join(ROOT, 'packages', p);
    if (existsSync(path.join(from, 'dist')))
      cpSync(path.join(from, 'dist'), path.join(copy, 'packages', p, 'dist'), { recursive: true });
    if (existsSync(path.join(from, 'node_modules')))
      symlinkSync(path.join(from, 'node_modules'), path.join(copy, 'packages', p, 'node_modules'));
  }
  const before = Object.fromEntries(
    packages.map((p) => [p, manifest(path.join(copy, 'packages', p)).version]),
  );
  run('pnpm', ['changeset', 'version'], copy);
  const left = readdirSync(path.join(copy, '.changeset')).filter(
    (f) => f.endsWith('.md') && f !== 'README.md',
  );
  if (left.length > 0) {
    failed = true;
    console.error(`✘ changesets left unapplied: ${left.join(', ')}`);
  }
  for (const p of packages) {
    const m = manifest(path.join(copy, 'packages', p));
    if (m.private) continue;
    const major = Number(m.version.split('.')[0]);
    const mark = major >= 1 && !allowMajor ? '✘' : '✔';
    if (mark === '✘') failed = true;
    console.log(
      `${mark} ${m.name} ${before[p]} → ${m.version}${mark === '✘' ? ' (leaves 0.x: a major changeset? pass --allow-1.0 if meant)' : ''}`,
    );
  }
  const out = run('pnpm', ['-r', 'publish', '--dry-run', '--no-git-checks'], copy);
  const published = out.match(/^\+ @tessera\/\S+/gm) ?? [];
  console.log(`✔ pnpm -r publish --dry-run: ${published.map((l) => l.slice(2)).join(', ')}`);
} catch (e) {
  failed = true;
  console.error(
    `✘ ${(e.stderr || e.message || String(e)).trim().split('\n').slice(-8).join('\n  ')}`,
  );
} finally {
  if (keep) console.log(`kept ${copy}`);
  else rmSync(copy, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
