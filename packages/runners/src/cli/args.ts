import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A CLI mistake: printed without a stack trace, exit code 2. @internal */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

type Options = NonNullable<ParseArgsConfig['options']>;

export type FlagValues<O extends Options> = {
  [K in keyof O]?: O[K] extends { type: 'boolean' } ? boolean : string;
} & { help?: boolean };

/** `parseArgs` with errors that name the bad flag and list the known ones. @internal */
export function parseCommand<O extends Options>(
  command: string,
  argv: string[],
  options: O,
): { values: FlagValues<O> } {
  try {
    return parseArgs({
      args: argv,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }) as { values: FlagValues<O> };
  } catch (error) {
    const known = Object.keys(options)
      .map((k) => `--${k}`)
      .join(', ');
    throw new UsageError(
      `tessera ${command}: ${(error as Error).message.replace(/\. To specify.*$/s, '')}. Known flags: ${known}, --help.`,
    );
  }
}

/** An integer flag, or the default. @internal */
export function intFlag(
  command: string,
  flag: string,
  value: string | undefined,
  fallback: number,
  min = 1,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new UsageError(
      `tessera ${command}: --${flag} must be an integer ≥ ${min}, got ${JSON.stringify(value)}.`,
    );
  return n;
}

/** A positive number flag (`--lr 3e-3`), or the default. @internal */
export function positiveFlag<F extends number | undefined>(
  command: string,
  flag: string,
  value: string | undefined,
  fallback: F,
): number | F {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!(n > 0) || !Number.isFinite(n))
    throw new UsageError(
      `tessera ${command}: --${flag} must be a positive number, got ${JSON.stringify(value)}.`,
    );
  return n;
}

/** A comma-separated list of integers (`--classes 5,6,7`). @internal */
export function intList(
  command: string,
  flag: string,
  value: string | undefined,
): number[] | undefined {
  if (value === undefined) return undefined;
  const items = value.split(',').map((v) => Number(v.trim()));
  if (items.length === 0 || items.some((v) => !Number.isInteger(v) || v < 0))
    throw new UsageError(
      `tessera ${command}: --${flag} must be comma-separated integers such as 5,6,7, got ${JSON.stringify(value)}.`,
    );
  return items;
}

/** One of some allowed values. @internal */
export function oneOf<T extends string>(
  command: string,
  flag: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value as T))
    throw new UsageError(
      `tessera ${command}: --${flag} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}.`,
    );
  return value as T;
}
