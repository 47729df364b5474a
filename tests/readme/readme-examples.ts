import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TMP = fileURLToPath(new URL('../.readme-tmp/', import.meta.url));

/** The body of the first fenced block of `lang` after a `## heading` line in a README. */
export function fencedBlockAfter(markdown: string, heading: string, lang: string): string | null {
  const start = markdown.indexOf(`\n${heading}\n`);
  if (start < 0) return null;
  const match = new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(markdown.slice(start));
  return match?.[1] ?? null;
}

/**
 * Strips the types from a TypeScript example and writes it into `tests/.readme-tmp/`, from where
 * node resolves `@tessera/*` to the built packages, as in a user's project.
 */
export function compileExample(file: string, name: string): string {
  const source = readFileSync(file, 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      verbatimModuleSyntax: true,
    },
  });
  mkdirSync(TMP, { recursive: true });
  const out = `${TMP}${name}.mjs`;
  writeFileSync(out, outputText);
  return out;
}
