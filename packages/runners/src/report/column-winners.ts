import type { ReportEvaluationRow } from './types';

/** One evaluation column and the representation that scores best in it. @internal */
export interface ColumnWinner {
  /** The column, as the table heads it: `kNN`, `linear probe`, `5-way 1-shot`, … */
  readonly column: string;
  /** The best row's name, or several joined by ` = ` on a tie. */
  readonly winner: string;
  readonly value: number;
}

/** The best representation of each column of an evaluation table (ties name every best row). @internal */
export function columnWinners(rows: readonly ReportEvaluationRow[]): ColumnWinner[] {
  const columns: Array<[string, (r: ReportEvaluationRow) => number | undefined]> = [
    ['kNN', (r) => r.knn],
    ['linear probe', (r) => r.linear],
    ...(rows[0]?.fewShot ?? []).map(
      (s, i) =>
        [`${s.ways}-way ${s.shots}-shot`, (r: ReportEvaluationRow) => r.fewShot?.[i]?.mean] as [
          string,
          (r: ReportEvaluationRow) => number | undefined,
        ],
    ),
  ];
  return columns.flatMap(([column, read]) => {
    const scored = rows.flatMap((r) => {
      const v = read(r);
      return v === undefined ? [] : [{ name: r.name, v }];
    });
    if (scored.length === 0) return [];
    const best = Math.max(...scored.map((s) => s.v));
    const winner = scored
      .filter((s) => s.v === best)
      .map((s) => s.name)
      .join(' = ');
    return [{ column, winner, value: best }];
  });
}
