import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runNode } from '../smoke/run-node';
import { compileExample, fencedBlockAfter, ROOT } from './readme-examples';

// Every published package keeps its README's quick example in examples/quick-start.ts
// (CONVENTIONS.md #21). The README block must be that file, and running it against the built
// package must print what the README says it prints.
const packages = readdirSync(`${ROOT}packages`).filter((name) =>
  existsSync(`${ROOT}packages/${name}/examples/quick-start.ts`),
);

describe('README quick examples', () => {
  it('finds at least the core example', () => {
    expect(packages).toContain('core');
  });

  describe.each(packages)('@tessera/%s', (name) => {
    const dir = `${ROOT}packages/${name}`;
    const readme = readFileSync(`${dir}/README.md`, 'utf8');
    const example = readFileSync(`${dir}/examples/quick-start.ts`, 'utf8');

    it('README shows examples/quick-start.ts verbatim, in at most 15 lines', () => {
      const block = fencedBlockAfter(readme, '## Quick example', 'ts');
      expect(block).toBe(example);
      expect(example.trimEnd().split('\n').length).toBeLessThanOrEqual(15);
    });

    it('runs against the built package and prints what the README says', () => {
      const printed = fencedBlockAfter(readme, '## Quick example', 'text');
      expect(printed, 'README needs a ```text block with the output').not.toBeNull();
      const out = runNode([compileExample(`${dir}/examples/quick-start.ts`, name)]);
      expect(out).toBe(printed);
    });
  });
});
