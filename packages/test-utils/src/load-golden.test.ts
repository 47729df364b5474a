import { describe, expect, it } from 'vitest';
import { goldenCase, loadGolden } from './load-golden';

describe('loadGolden', () => {
  it('reads the project copy of a golden file with its definition and cases', () => {
    const file = loadGolden('nt_xent');
    expect(file.topic).toBe('nt_xent');
    expect(file.definition).toMatch(/NT-Xent|nt_xent|2N/i);
    expect(file.cases.length).toBeGreaterThanOrEqual(6);
    const c = goldenCase('nt_xent', 'identical_embeddings_N3_D4_tau0.5');
    // Identical embeddings: L = log(2N − 1) exactly (golden README).
    expect(c.expected).toBeCloseTo(Math.log(5), 12);
  });

  it('turns the strings "NaN" / "Infinity" back into numbers', () => {
    const text = JSON.stringify(loadGolden('boxes'));
    expect(text).not.toMatch(/"NaN"|"Infinity"|"-Infinity"/);
    const hasNaN = JSON.stringify(loadGolden('boxes'), (_k, v: unknown) =>
      typeof v === 'number' && Number.isNaN(v) ? '__nan__' : v,
    );
    expect(hasNaN).toContain('__nan__');
  });

  it('throws: unknown topic or case, listing what exists', () => {
    expect(() => loadGolden('no_such_topic')).toThrow(
      /^loadGolden: no golden file 'no_such_topic\.json'/,
    );
    expect(() => goldenCase('nt_xent', 'nope')).toThrow(
      /goldenCase: 'nt_xent' has no case 'nope'; it has 'N4_D8_tau0\.5'/,
    );
  });
});
