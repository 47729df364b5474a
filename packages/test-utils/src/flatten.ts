import type { Tensor } from '@tensorflow/tfjs-core';

/** What the assertions compare: a tensor, a number, or (nested) arrays / typed arrays of numbers. */
export type Values = Tensor | number | ArrayLike<number> | readonly Values[];

/**
 * Flattens values to float64, row-major. Written independently of `@tessera/core`'s conversions on
 * purpose: a test oracle must not share code with what it checks.
 */
export function flatten(x: Values): Float64Array {
  if (isTensor(x)) return Float64Array.from(x.dataSync() as ArrayLike<number>);
  if (typeof x === 'number') return Float64Array.of(x);
  const out: number[] = [];
  const walk = (node: unknown): void => {
    if (typeof node === 'number') out.push(node);
    else if (Array.isArray(node) || ArrayBuffer.isView(node)) {
      const list = node as ArrayLike<unknown>;
      for (let i = 0; i < list.length; i++) walk(list[i]);
    } else throw new Error(`flatten: expected numbers, got ${typeof node}.`);
  };
  walk(x);
  return Float64Array.from(out);
}

export function isTensor(x: unknown): x is Tensor {
  const t = x as Partial<Tensor> | null;
  return typeof t === 'object' && t !== null && t.dataId !== undefined && Array.isArray(t.shape);
}
