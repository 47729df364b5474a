#!/usr/bin/env node
// One-time set-up for a fresh machine that has only Node and npm: `npm run setup`.
// 1. checks Node, 2. installs pnpm 10.34.9 when missing, 3. installs Chromium (+ the Vulkan loader
// for WebGPU in Node) from apt when the repository has browser tests and none is found,
// 4. installs the workspace's dependencies from the lockfile. Safe to run again: each step is
// skipped when already done. Set TESSERA_SKIP_SYSTEM_DEPS=1 to never touch apt.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PNPM_VERSION = '10.34.9';
const step = (msg) => console.log(`\n▸ setup: ${msg}`);
const run = (cmd) => execSync(cmd, { stdio: 'inherit', cwd: ROOT });
const output = (cmd) => {
  const r = spawnSync(cmd, { shell: true, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
};

// 1. Node
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`setup: Node >= 20.19 is required, this is ${process.version}.`);
  process.exit(1);
}

// 2. pnpm (pnpm 11 needs Node 22; corepack's signature check fails offline — see TOOLCHAIN notes)
const pnpmVersion = output('pnpm --version');
if (pnpmVersion !== PNPM_VERSION) {
  step(`installing pnpm ${PNPM_VERSION} (found ${pnpmVersion ?? 'none'})`);
  run(`npm install --global pnpm@${PNPM_VERSION}`);
} else {
  step(`pnpm ${PNPM_VERSION} found`);
}

// 3. Chromium for browser tests, only once the repository has some.
const hasBrowserTests = ['packages', 'apps', 'tests'].some((top) => {
  const dir = path.join(ROOT, top);
  if (!existsSync(dir)) return false;
  const entries = top === 'tests' ? [''] : readdirSync(dir);
  return entries.some((e) => existsSync(path.join(dir, e, 'vitest.browser.config.ts')));
});
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!hasBrowserTests) {
  step('no browser tests in the repository yet: Chromium not needed');
} else if (existsSync(chromium)) {
  step(`Chromium found at ${chromium}`);
} else if (process.env.TESSERA_SKIP_SYSTEM_DEPS === '1') {
  step('TESSERA_SKIP_SYSTEM_DEPS=1: not installing Chromium; browser tests need CHROMIUM_PATH');
} else if (output('command -v apt-get') && process.getuid?.() === 0) {
  step('installing Chromium and libvulkan1 from apt (browser tests, WebGPU in Node)');
  run(
    'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium libvulkan1',
  );
} else {
  console.error(
    'setup: browser tests need Chromium. Install it (Debian/Ubuntu: `sudo apt-get install chromium libvulkan1`) ' +
      'or set CHROMIUM_PATH to a Chromium/Chrome binary.',
  );
  process.exit(1);
}

// 4. Dependencies, exactly as locked.
step('installing dependencies (pnpm install --frozen-lockfile)');
run('pnpm install --frozen-lockfile');
spawnSync('pnpm', ['exec', 'turbo', 'telemetry', 'disable'], { cwd: ROOT, stdio: 'ignore' });
step('done. Next: `pnpm test` (all tests) or `pnpm start` (the main job).');
