#!/usr/bin/env node
// Installs the packages as a user does and uses them: every public package packed with
// `pnpm pack` (after `pnpm build`), the tarballs installed with npm into an empty project beside
// TF.js's core and layers (npm adds the required peers: the cpu and wasm backends), then, in that
// project, each package imported as ESM and required as CommonJS, its declarations type-checked
// by a TypeScript project (`moduleResolution` node16 and bundler, `skipLibCheck: false`), a web
// app built with Vite and run in headless Chromium (NMS, COCO evaluation, a SimCLR step on wasm;
// consumer-web-app.mjs), `tessera --version` and `tessera backends --json` run. Prints the
// install's size; exits 1 on any failure.
// Usage: node scripts/consumer-test.mjs [--keep]   (needs the npm registry for TF.js)
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from './run-command.mjs';
import { runWebApp } from './consumer-web-app.mjs';
import { packAll } from './pack-all.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const keep = process.argv.includes('--keep');
const work = mkdtempSync(path.join(tmpdir(), 'tessera-consumer-'));
const packs = path.join(work, 'packs');
const app = path.join(work, 'app');

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
  const packed = packAll(ROOT, packs);
  const names = packed.map((p) => p.name);
  const tarballs = packed.map((p) => p.tarball);
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
  // TypeScript users: every package's declarations under both module resolutions a project uses,
  // with skipLibCheck off, from CommonJS (check.ts) and ESM (check.mts) files. TF.js's own
  // declarations do not pass skipLibCheck: false (e.g. tfjs-layers' keras_format types), so errors
  // there are counted and shown, and only an error in any other file fails.
  const shortNames = names.map((n) => n.replace('@tessera/', ''));
  const source = [
    ...shortNames.map((n) => `import * as ${n} from '@tessera/${n}';`),
    `export const all = [${shortNames.join(', ')}];`,
    'export const boxes: Parameters<typeof detection.nms>[0] | null = null;',
    '',
  ].join('\n');
  writeFileSync(path.join(app, 'check.ts'), source);
  writeFileSync(path.join(app, 'check.mts'), source);
  for (const [resolution, module] of [
    ['node16', 'node16'],
    ['bundler', 'esnext'],
  ])
    check(`tsc, moduleResolution ${resolution}, skipLibCheck false`, () => {
      const config = `tsconfig.${resolution}.json`;
      writeFileSync(
        path.join(app, config),
        JSON.stringify({
          compilerOptions: {
            strict: true,
            noEmit: true,
            skipLibCheck: false,
            target: 'es2022',
            lib: ['es2022', 'dom'],
            module,
            moduleResolution: resolution,
            types: [],
          },
          files: ['check.ts', 'check.mts'],
        }),
      );
      let out;
      let exitedWithErrors = false;
      try {
        out = run(path.join(ROOT, 'node_modules/.bin/tsc'), ['-p', config], app);
      } catch (e) {
        out = `${e.stdout ?? ''}${e.stderr ?? ''}`;
        exitedWithErrors = true;
      }
      const errors = out.split('\n').filter((l) => /\(\d+,\d+\): error TS/.test(l));
      // a failure without a located error (a bad config, no compiler) is a failure
      if (exitedWithErrors && errors.length === 0) throw new Error(out || 'tsc failed');
      const ours = errors.filter((l) => !l.startsWith('node_modules/@tensorflow/'));
      if (ours.length > 0) throw new Error(ours.slice(0, 5).join('\n'));
      return `no error outside TF.js (${errors.length} in TF.js's own declarations)`;
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
  // a browser app: built with Vite from the installed tarballs, run in headless Chromium
  try {
    const r = await runWebApp(app, ROOT);
    const ok =
      r.backend === 'wasm' &&
      JSON.stringify(r.kept) === '[0,2]' &&
      Math.abs(r.ap - 1) < 1e-9 && // pycocotools' precision divides by tp + fp + eps
      r.steps === 1 &&
      Number.isFinite(r.loss);
    if (!ok) throw new Error(`unexpected results ${JSON.stringify(r)}`);
    console.log(
      `✔ vite build of a web app, run in headless Chromium: ${r.backend}, NMS kept ${r.kept}, COCO AP ${r.ap}, SimCLR step loss ${r.loss.toFixed(4)}`,
    );
  } catch (e) {
    failed = true;
    console.error(
      `✘ vite build of a web app, run in headless Chromium: ${(e.stderr || e.message || String(e)).trim().split('\n').slice(0, 8).join('\n  ')}`,
    );
  }
} finally {
  if (keep) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
