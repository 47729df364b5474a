import { flatten, isTensor, type Values } from './flatten';

/** Tolerances of {@link expectTensorClose}: element i passes when |a − e| ≤ atol + rtol·|e|. */
export interface CloseOptions {
  /** Relative tolerance. Default `1e-4`. */
  rtol?: number;
  /** Absolute tolerance. Default `1e-5`. */
  atol?: number;
}

/**
 * Asserts that two tensors / arrays have the same shape (when both have one) and close values:
 * `|actual − expected| ≤ atol + rtol·|expected|` element-wise (numpy `allclose`). NaN matches NaN
 * and ±Infinity matches itself, so golden cases with undefined values can be compared.
 *
 * The failure message names the first bad index, both values, how many elements failed, and prints
 * both arrays (cut to 64 values).
 */
export function expectTensorClose(
  actual: Values,
  expected: Values,
  { rtol = 1e-4, atol = 1e-5 }: CloseOptions = {},
): void {
  const shapeA = shapeOf(actual);
  const shapeE = shapeOf(expected);
  // A scalar (shape []) compares with a one-element array.
  const scalarPair =
    shapeA &&
    shapeE &&
    size(shapeA) === 1 &&
    size(shapeE) === 1 &&
    Math.min(shapeA.length, shapeE.length) === 0;
  if (shapeA && shapeE && !sameShape(shapeA, shapeE) && !scalarPair) {
    throw new Error(
      `expectTensorClose: shapes differ, actual [${shapeA}] vs expected [${shapeE}].`,
    );
  }
  const a = flatten(actual);
  const e = flatten(expected);
  if (a.length !== e.length) {
    throw new Error(
      `expectTensorClose: sizes differ, actual has ${a.length} values, expected ${e.length}.`,
    );
  }
  let bad = 0;
  let first = -1;
  for (let i = 0; i < a.length; i++) {
    if (!close(a[i] as number, e[i] as number, rtol, atol)) {
      bad++;
      if (first < 0) first = i;
    }
  }
  if (bad === 0) return;
  const av = a[first] as number;
  const ev = e[first] as number;
  const shape = shapeE ?? shapeA;
  const where = shape && shape.length > 1 ? ` (${unravel(first, shape)})` : '';
  throw new Error(
    `expectTensorClose: ${bad} of ${a.length} values differ (rtol ${rtol}, atol ${atol}); ` +
      `first at index ${first}${where}: actual ${av}, expected ${ev}, |diff| ${Math.abs(av - ev)} > ${atol + rtol * Math.abs(ev)}.\n` +
      `actual:   ${preview(a)}\nexpected: ${preview(e)}`,
  );
}

function close(a: number, e: number, rtol: number, atol: number): boolean {
  if (Number.isNaN(e) || Number.isNaN(a)) return Number.isNaN(e) && Number.isNaN(a);
  if (!Number.isFinite(e) || !Number.isFinite(a)) return a === e;
  return Math.abs(a - e) <= atol + rtol * Math.abs(e);
}

function shapeOf(x: Values): number[] | null {
  if (isTensor(x)) return x.shape;
  if (!Array.isArray(x)) return null; // typed arrays and numbers carry no shape
  const shape: number[] = [];
  let node: unknown = x;
  while (Array.isArray(node) || ArrayBuffer.isView(node)) {
    const list = node as ArrayLike<unknown>;
    shape.push(list.length);
    node = list[0];
  }
  return shape;
}

function size(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

function unravel(index: number, shape: readonly number[]): string {
  const out: number[] = [];
  let rest = index;
  for (let d = shape.length - 1; d >= 0; d--) {
    const n = shape[d] as number;
    out.unshift(rest % n);
    rest = Math.floor(rest / n);
  }
  return `[${out.join(',')}]`;
}

function preview(values: Float64Array): string {
  const shown = Array.from(values.subarray(0, 64), (v) => Number(v.toPrecision(7)));
  return `[${shown.join(', ')}${values.length > 64 ? `, … (${values.length} values)` : ''}]`;
}
