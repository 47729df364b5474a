#!/usr/bin/env node
// `pnpm start`: the main job — SimCLR pretraining on MNIST on the best backend found, then kNN,
// linear-probe and 5-way few-shot evaluation with a terminal summary and runs/<name>/report.html.
// It is built by @tessera/runners (issue #10), which does not exist yet.
import { existsSync } from 'node:fs';

const runnerCli = new URL('../packages/runners/package.json', import.meta.url);
if (!existsSync(runnerCli)) {
  console.error(
    [
      'tessera: the main job is not available yet.',
      '',
      'It needs @tessera/runners (SimCLR on MNIST, kNN / linear-probe / few-shot evaluation, HTML report),',
      'which is still to be built. What exists today: @tessera/core — run `pnpm test` to see it checked.',
    ].join('\n'),
  );
  process.exit(1);
}
