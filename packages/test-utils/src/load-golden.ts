import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One reference case (see `tests/fixtures/golden/README.md` for the conventions). */
export interface GoldenCase {
  readonly name: string;
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly params?: Readonly<Record<string, unknown>>;
  readonly expected: unknown;
  readonly grad?: Readonly<Record<string, unknown>>;
  readonly aux?: Readonly<Record<string, unknown>>;
}

/** A golden file: a topic, the definition its values follow, and its cases. */
export interface GoldenFile {
  readonly topic: string;
  readonly definition: string;
  readonly conventions?: string;
  readonly versions?: Readonly<Record<string, string>>;
  readonly cases: readonly GoldenCase[];
}

/** The project's own copy of the reference values (copied from `../shared/golden`). */
export const GOLDEN_DIR = fileURLToPath(
  new URL('../../../tests/fixtures/golden/', import.meta.url),
);

const NON_FINITE: Readonly<Record<string, number>> = {
  NaN: Number.NaN,
  Infinity: Infinity,
  '-Infinity': -Infinity,
};
const cache = new Map<string, GoldenFile>();

/**
 * Reads `tests/fixtures/golden/<topic>.json`. Non-finite numbers, stored as the strings
 * `"NaN"`, `"Infinity"`, `"-Infinity"`, come back as numbers.
 *
 * @example
 * ```ts
 * for (const c of loadGolden('nt_xent').cases) { ... }
 * ```
 */
export function loadGolden(topic: string): GoldenFile {
  const hit = cache.get(topic);
  if (hit) return hit;
  let text: string;
  try {
    text = readFileSync(`${GOLDEN_DIR}${topic}.json`, 'utf8');
  } catch {
    throw new Error(`loadGolden: no golden file '${topic}.json' in ${GOLDEN_DIR}.`);
  }
  const file = JSON.parse(text, (_key, value: unknown) =>
    typeof value === 'string' && value in NON_FINITE ? NON_FINITE[value] : value,
  ) as GoldenFile;
  cache.set(topic, file);
  return file;
}

/** One case of a golden file by name; throws listing the names when it is not there. */
export function goldenCase(topic: string, name: string): GoldenCase {
  const file = loadGolden(topic);
  const found = file.cases.find((c) => c.name === name);
  if (!found) {
    throw new Error(
      `goldenCase: '${topic}' has no case '${name}'; it has ${file.cases.map((c) => `'${c.name}'`).join(', ')}.`,
    );
  }
  return found;
}
