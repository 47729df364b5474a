import { describe, expect, it } from 'vitest';
import { minimizeLbfgs } from './lbfgs';

describe('minimizeLbfgs', () => {
  it('finds the minimum of Rosenbrock’s function from (−1.2, 1)', async () => {
    const rosenbrock = async (x: Float64Array) => {
      const [a, b] = [x[0]!, x[1]!];
      return {
        value: 100 * (b - a * a) ** 2 + (1 - a) ** 2,
        gradient: Float64Array.of(-400 * a * (b - a * a) - 2 * (1 - a), 200 * (b - a * a)),
      };
    };
    const r = await minimizeLbfgs(rosenbrock, Float64Array.of(-1.2, 1), {
      maxIterations: 500,
      gradientTolerance: 1e-8,
      progressTolerance: 0,
    });
    expect(r.stopped).toBe('gradient');
    expect(r.x[0]).toBeCloseTo(1, 6);
    expect(r.x[1]).toBeCloseTo(1, 6);
    expect(r.history.every((v, k) => k === 0 || v <= r.history[k - 1]!)).toBe(true);
  });

  it('solves a convex quadratic ½xᵀAx − bᵀx (A = diag 1…50) to Ax = b', async () => {
    const n = 50;
    const quadratic = async (x: Float64Array) => {
      let value = 0;
      const gradient = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        value += 0.5 * (i + 1) * x[i]! ** 2 - x[i]!;
        gradient[i] = (i + 1) * x[i]! - 1;
      }
      return { value, gradient };
    };
    const r = await minimizeLbfgs(quadratic, new Float64Array(n), {
      maxIterations: 200,
      gradientTolerance: 1e-7,
      progressTolerance: 0,
    });
    expect(r.stopped).toBe('gradient');
    for (let i = 0; i < n; i++) expect(r.x[i]).toBeCloseTo(1 / (i + 1), 6);
  });

  it('stops on iterations, and on no progress', async () => {
    const bowl = async (x: Float64Array) => ({
      value: x[0]! ** 2,
      gradient: Float64Array.of(2 * x[0]!),
    });
    const capped = await minimizeLbfgs(bowl, Float64Array.of(5), {
      maxIterations: 1,
      gradientTolerance: 0,
      progressTolerance: 0,
    });
    expect(capped.iterations).toBe(1);
    expect(capped.stopped).toBe('iterations');
    const flat = await minimizeLbfgs(
      async () => ({ value: 1, gradient: Float64Array.of(1) }),
      Float64Array.of(0),
      {
        maxIterations: 10,
        gradientTolerance: 0,
        progressTolerance: 1e-9,
      },
    );
    expect(['progress', 'line-search']).toContain(flat.stopped);
  });
});
