import { createRng, InvalidArgumentError } from '@tessera/core';
import { describe, expect, it } from 'vitest';
import { pca2d } from './pca';

/** n points = a·u + b·v + small noise in d dimensions, with var(a) = 9, var(b) = 1 and u ⟂ v. */
function planted(seed: number, n: number, d: number) {
  const rng = createRng(seed);
  const unit = (v: number[]) => {
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  };
  const u = unit(Array.from({ length: d }, () => rng.normal()));
  let v = Array.from({ length: d }, () => rng.normal());
  const dot = v.reduce((s, x, i) => s + x * u[i]!, 0);
  v = unit(v.map((x, i) => x - dot * u[i]!));
  const x = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const a = 3 * rng.normal();
    const b = rng.normal();
    for (let j = 0; j < d; j++) x[i * d + j] = 5 + a * u[j]! + b * v[j]! + 0.01 * rng.normal();
  }
  return { x, u, v };
}

describe('pca2d', () => {
  it.each([1, 2, 3])('recovers planted axes and their variance share (seed %i)', (seed) => {
    const n = 800;
    const d = 24;
    const { x, u, v } = planted(seed, n, d);
    const { axes, coords, explained } = pca2d(x, n, d);
    const cos = (k: number, w: number[]) =>
      Math.abs(w.reduce((s, wj, j) => s + wj * axes[k * d + j]!, 0));
    expect(cos(0, u)).toBeGreaterThan(0.999);
    expect(cos(1, v)).toBeGreaterThan(0.995);
    // 9 : 1 : noise → about 0.9 and 0.1 of the total variance.
    expect(explained[0]).toBeGreaterThan(0.85);
    expect(explained[1]).toBeGreaterThan(0.07);
    expect(explained[0] + explained[1]).toBeGreaterThan(0.99);
    // Coordinates are centred projections: their means are 0, their variances the eigenvalues.
    for (const k of [0, 1]) {
      let m = 0;
      for (let i = 0; i < n; i++) m += coords[2 * i + k]! / n;
      expect(Math.abs(m)).toBeLessThan(1e-9);
    }
    // Axes are unit and orthogonal.
    let uu = 0;
    let uv = 0;
    for (let j = 0; j < d; j++) {
      uu += axes[j]! ** 2;
      uv += axes[j]! * axes[d + j]!;
    }
    expect(uu).toBeCloseTo(1, 10);
    expect(Math.abs(uv)).toBeLessThan(1e-6);
  });

  it('is deterministic and rejects a size mismatch', () => {
    const { x } = planted(4, 50, 6);
    expect(pca2d(x, 50, 6).coords).toEqual(pca2d(x, 50, 6).coords);
    expect(() => pca2d(x, 49, 6)).toThrow(InvalidArgumentError);
    expect(() => pca2d(x, 49, 6)).toThrow(/n × d values/);
  });
});
