#!/usr/bin/env node
// `pnpm start`: the main job — SimCLR pretraining on MNIST on the best backend found, then kNN,
// linear-probe and 5-way few-shot evaluation beside a random encoder and raw pixels, with a
// terminal summary. Builds @tessera/runners and what it needs (turbo caches it), then runs
// `tessera main`; extra arguments go to it (e.g. `pnpm start --budget 20m`).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { tunedMallocEnv } from './tuned-malloc-env.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = (command, args, env = process.env) => {
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
console.error('building @tessera/runners and its dependencies…');
run('pnpm', [
  'exec',
  'turbo',
  'run',
  'build',
  '--filter=@tessera/runners...',
  '--output-logs=errors-only',
]);
// the job reuses the memory it frees (see tuned-malloc-env.mjs)
run(
  process.execPath,
  ['packages/runners/dist/cli.js', 'main', ...process.argv.slice(2)],
  tunedMallocEnv(),
);
