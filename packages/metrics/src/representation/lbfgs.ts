/** What {@link minimizeLbfgs} returns. @internal */
export interface LbfgsResult {
  readonly x: Float64Array;
  readonly value: number;
  /** Objective after each iteration. */
  readonly history: number[];
  readonly iterations: number;
  /** Why it stopped. */
  readonly stopped: 'gradient' | 'progress' | 'iterations' | 'line-search';
}

/** Options of {@link minimizeLbfgs}. @internal */
export interface LbfgsOptions {
  /** Iterations at most. */
  maxIterations: number;
  /** Stop once max |gradient| ≤ this. */
  gradientTolerance: number;
  /** Stop once (f_k − f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) ≤ this (scipy's `factr · ε`). */
  progressTolerance: number;
  /** Correction pairs kept. Default 10. */
  memory?: number;
  onIteration?: (iteration: number, value: number) => void;
}

const dot = (a: Float64Array, b: Float64Array): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
};
const maxAbs = (a: Float64Array): number => a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

/**
 * Limited-memory BFGS (Nocedal & Wright, Numerical Optimization, algorithms 7.4 and 7.5) with a
 * backtracking Armijo line search (c₁ = 1e-4, halving), for smooth objectives of a few thousand
 * parameters whose value and gradient `evaluate` computes (on a TF.js backend, for a probe). A
 * pair whose curvature sᵀy is not positive is skipped, which keeps the direction one of descent.
 * @internal
 */
export async function minimizeLbfgs(
  evaluate: (x: Float64Array) => Promise<{ value: number; gradient: Float64Array }>,
  start: Float64Array,
  { maxIterations, gradientTolerance, progressTolerance, memory = 10, onIteration }: LbfgsOptions,
): Promise<LbfgsResult> {
  let x: Float64Array = Float64Array.from(start);
  let { value, gradient } = await evaluate(x);
  const s: Float64Array[] = [];
  const y: Float64Array[] = [];
  const history: number[] = [];
  for (let k = 0; k < maxIterations; k++) {
    if (maxAbs(gradient) <= gradientTolerance)
      return { x, value, history, iterations: k, stopped: 'gradient' };
    const direction = twoLoop(gradient, s, y);
    // the first step is scaled to a unit move; later ones start at 1 (the quasi-Newton step)
    let step = s.length === 0 ? 1 / Math.max(1e-12, Math.sqrt(dot(gradient, gradient))) : 1;
    const slope = dot(gradient, direction);
    let next: { x: Float64Array; value: number; gradient: Float64Array } | null = null;
    for (let tries = 0; tries < 40; tries++) {
      const candidate = x.map((v, i) => v + step * (direction[i] as number));
      const e = await evaluate(candidate);
      if (Number.isFinite(e.value) && e.value <= value + 1e-4 * step * slope) {
        next = { x: candidate, ...e };
        break;
      }
      step /= 2;
    }
    if (!next) return { x, value, history, iterations: k, stopped: 'line-search' };
    const sk = next.x.map((v, i) => v - (x[i] as number));
    const yk = next.gradient.map((v, i) => v - (gradient[i] as number));
    if (dot(sk, yk) > 1e-10) {
      s.push(sk);
      y.push(yk);
      if (s.length > memory) {
        s.shift();
        y.shift();
      }
    }
    const progress = (value - next.value) / Math.max(Math.abs(value), Math.abs(next.value), 1);
    ({ x, value, gradient } = next);
    history.push(value);
    onIteration?.(k + 1, value);
    if (progress <= progressTolerance)
      return { x, value, history, iterations: k + 1, stopped: 'progress' };
  }
  return { x, value, history, iterations: maxIterations, stopped: 'iterations' };
}

/** −H·g by the two-loop recursion, H₀ = (sᵀy / yᵀy)·I from the newest pair. */
function twoLoop(g: Float64Array, s: Float64Array[], y: Float64Array[]): Float64Array {
  const q = Float64Array.from(g);
  const alpha: number[] = [];
  for (let i = s.length - 1; i >= 0; i--) {
    const rho = 1 / dot(y[i]!, s[i]!);
    const a = rho * dot(s[i]!, q);
    alpha[i] = a;
    const yi = y[i]!;
    for (let j = 0; j < q.length; j++) q[j] = (q[j] as number) - a * (yi[j] as number);
  }
  if (s.length > 0) {
    const last = s.length - 1;
    const gamma = dot(s[last]!, y[last]!) / dot(y[last]!, y[last]!);
    for (let j = 0; j < q.length; j++) q[j] = (q[j] as number) * gamma;
  }
  for (let i = 0; i < s.length; i++) {
    const rho = 1 / dot(y[i]!, s[i]!);
    const b = rho * dot(y[i]!, q);
    const si = s[i]!;
    for (let j = 0; j < q.length; j++)
      q[j] = (q[j] as number) + ((alpha[i] as number) - b) * (si[j] as number);
  }
  return q.map((v) => -v);
}
