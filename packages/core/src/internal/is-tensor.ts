import type { Tensor } from '@tensorflow/tfjs-core';

/**
 * Duck-typed tensor check. `instanceof Tensor` fails when two copies of tfjs-core are loaded,
 * so this looks at what every tensor has instead.
 * @internal
 */
export function isTensor(x: unknown): x is Tensor {
  const t = x as Partial<Tensor> | null;
  return (
    typeof t === 'object' &&
    t !== null &&
    t.dataId !== undefined &&
    typeof t.dtype === 'string' &&
    Array.isArray(t.shape) &&
    typeof t.dataSync === 'function'
  );
}
