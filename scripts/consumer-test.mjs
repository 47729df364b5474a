#!/usr/bin/env node
// Installs the packages as a user does and uses them: every public package packed with
// `pnpm pack` (after `pnpm build`), the tarballs installed with npm into an empty project beside
// TF.js's core and layers (npm adds the required peers: the cpu and wasm backends), then, in that
// project, each package imported as ESM and required as CommonJS, `tessera --version` and
// `tessera backends --json` run. Prints the install's size; exits 1 on any failure.
// Usage: node scripts/consumer-test.mjs [--keep]   (needs the npm registry for TF.js)
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const keep = process.argv.includes('--keep');
const work = mkdtempSync(path.join(tmpdir(), 'tessera-consumer-'));
const packs = path.join(work, 'packs');
const app = path.join(work, 'app');
const run = (cmd, args, cwd) =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

const packages = readdirSync(path.join(ROOT, 'packages'))
  .map((dir) => path.join(ROOT, 'packages', dir))
  .filter((dir) => !JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).private);
const names = packages.map((dir) => JSON.parse(readFileSync(path.join(dir, 'package.json'))).name);

let failed = false;
const check = (what, fn) => {
  try {
    const detail = fn();
    console.log(`✔ ${what}${detail ? `: ${detail}` : ''}`);
  } catch (e) {
    failed = true;
    console.error(
      `✘ ${what}: ${(e.stderr || e.message || String(e)).trim().split('\n').slice(-5).join('\n  ')}`,
    );
  }
};

try {
  for (const dir of packages) run('pnpm', ['pack', '--pack-destination', packs], dir);
  const tarballs = readdirSync(packs).map((f) => path.join(packs, f));
  mkdirSync(app);
  writeFileSync(
    path.join(app, 'package.json'),
    JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }),
  );
  check(`npm install of ${tarballs.length} tarballs with @tensorflow/tfjs-core and -layers`, () => {
    run(
      'npm',
      [
        'install',
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
        ...tarballs,
        '@tensorflow/tfjs-core@4.22.0',
        '@tensorflow/tfjs-layers@4.22.0',
      ],
      app,
    );
    return `node_modules ${run('du', ['-sh', 'node_modules'], app).split('\t')[0]}`;
  });
  for (const name of names) {
    check(`import('${name}')`, () => {
      const keys = run(
        'node',
        [
          '--input-type=module',
          '-e',
          `const m = await import('${name}'); console.log(Object.keys(m).length)`,
        ],
        app,
      );
      if (!(Number(keys) > 0)) throw new Error(`no exports (${keys.trim()})`);
      return `${keys.trim()} exports`;
    });
    check(`require('${name}')`, () => {
      const keys = run('node', ['-e', `console.log(Object.keys(require('${name}')).length)`], app);
      if (!(Number(keys) > 0)) throw new Error(`no exports (${keys.trim()})`);
      return `${keys.trim()} exports`;
    });
  }
  for (const name of ['@tessera/backends', '@tessera/data', '@tessera/runners'])
    check(`require('${name}') under the browser condition (Jest's jsdom, CJS bundlers)`, () => {
      const file = run(
        'node',
        ['--conditions=browser', '-e', `console.log(require.resolve('${name}'))`],
        app,
      ).trim();
      if (!file.endsWith('index.browser.cjs')) throw new Error(`resolved ${file}`);
      return path.basename(file);
    });
  check('npx tessera --version', () => {
    const want = JSON.parse(readFileSync(path.join(ROOT, 'packages/runners/package.json'))).version;
    const got = run('npx', ['--no-install', 'tessera', '--version'], app).trim();
    if (got !== want) throw new Error(`printed ${JSON.stringify(got)}, not ${want}`);
    return got;
  });
  check('npx tessera backends --json picks a backend and names what is missing', () => {
    const { choice } = JSON.parse(
      run('npx', ['--no-install', 'tessera', 'backends', '--json'], app),
    );
    if (!['wasm', 'tensorflow', 'webgpu'].includes(choice.name))
      throw new Error(`chose ${choice.name}`);
    const node = choice.reasons.find((r) => r.backend === 'tensorflow');
    if (!node.used && !/npm install @tensorflow\/tfjs-node/.test(node.reason))
      throw new Error(`tfjs-node's reason does not say what to install: ${node.reason}`);
    return `${choice.name}; tensorflow: ${node.reason}`;
  });
} finally {
  if (keep) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
