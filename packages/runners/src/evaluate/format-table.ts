import type { RepresentationScores } from './evaluate-representation';

/** The rows as an aligned plain-text table. @internal */
export function formatTable(rows: readonly RepresentationScores[]): string {
  const pct = (v: number | undefined) => (v === undefined ? '–' : `${(100 * v).toFixed(2)}`);
  const shots = rows[0]?.fewShot ?? [];
  const header = [
    'representation',
    'dim',
    'kNN %',
    'linear %',
    ...shots.map((s) => `${s.ways}-way ${s.shots}-shot %`),
  ];
  const body = rows.map((r) => [
    r.name,
    r.probeDim ? `${r.dim} (probe ${r.probeDim})` : String(r.dim),
    pct(r.knn),
    pct(r.linear),
    ...(r.fewShot ?? []).map((s) => `${pct(s.mean)} ± ${(100 * s.halfWidth).toFixed(2)}`),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] as number))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}
