import { InvalidArgumentError } from '@tessera/core';

const UNITS: Record<string, number> = { ms: 0.001, s: 1, m: 60, min: 60, h: 3600 };

/**
 * Seconds of a duration: a number of seconds, or a string such as `'90s'`, `'5m'`, `'1h30m'`,
 * `'1.5h'`, `'300'`.
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} naming `argument` when it is not a positive duration.
 * @category Training
 */
export function parseDuration(
  value: string | number,
  functionName = 'parseDuration',
  argument = 'duration',
): number {
  const bad = () =>
    new InvalidArgumentError({
      functionName,
      argument,
      detail: `${argument} must be a positive duration such as 300, '90s', '5m' or '1h30m', got ${JSON.stringify(value)}.`,
    });
  if (typeof value === 'number') {
    if (!(Number.isFinite(value) && value > 0)) throw bad();
    return value;
  }
  const text = String(value).trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(text)) return parseDuration(Number(text), functionName, argument);
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|min|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) throw bad();
  const seconds = parts.reduce(
    (sum, p) => sum + Number(p[1]) * (UNITS[p[2] as string] as number),
    0,
  );
  if (!(seconds > 0)) throw bad();
  return seconds;
}

/** `mm:ss` or `h:mm:ss`. @internal */
export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--:--';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}
