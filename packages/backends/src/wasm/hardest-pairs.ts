import type { KernelBackend, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { TESSERA_KERNELS } from '@tessera/core';
import { hardestPairsNative } from './native/hardest-pairs-native';
import type { TypedHeapBackend } from './heap-backend';

/**
 * `TesseraHardestPairs` (see `TESSERA_KERNELS` in `@tessera/core`) for `wasm`: batch-hard mining
 * in one pass over each row of the Gram matrix by native/hardest-pairs.c on every wasm thread —
 * where the composed ops take a class-bias product, three passes and two arg-extremes over
 * `[n, n]`. A plain loop until the native kernels are ready.
 * @internal
 */
export function hardestPairsWasmConfig(): KernelConfig {
  const name = TESSERA_KERNELS.hardestPairs;
  const kernelFunc: KernelFunc = ({ inputs, backend }) => {
    const { gram, norms, classes } = inputs as Record<string, TensorInfo | undefined>;
    for (const [key, t, dtype] of [
      ['gram', gram, 'float32'],
      ['norms', norms, 'float32'],
      ['classes', classes, 'int32'],
    ] as const) {
      if (!t) throw new Error(`${name}: input ${key} is missing`);
      if (t.dtype !== dtype)
        throw new Error(`${name}: input ${key} must be ${dtype}, got ${t.dtype}`);
    }
    const n = gram!.shape[0]!;
    if (
      gram!.shape.length !== 2 ||
      gram!.shape[1] !== n ||
      String(norms!.shape) !== String([n]) ||
      String(classes!.shape) !== String([n])
    )
      throw new Error(
        `${name}: expected gram [n, n], norms [n] and classes [n], got [${gram!.shape}], [${norms!.shape}], [${classes!.shape}]`,
      );
    const heap = backend as unknown as TypedHeapBackend;
    const positive = heap.makeOutput([n], 'int32');
    const negative = heap.makeOutput([n], 'int32');
    const given = { gram: gram!, norms: norms!, classes: classes! };
    if (n > 0 && !hardestPairsNative(backend as KernelBackend, given, positive, negative, n))
      inJs(
        ...([gram!, norms!, classes!, positive, negative].map((t) =>
          heap.typedArrayFromHeap(t),
        ) as [Float32Array, Float32Array, Int32Array, Int32Array, Int32Array]),
        n,
      );
    return [positive, negative];
  };
  return { kernelName: name, backendName: 'wasm', kernelFunc };
}

/** The same in JavaScript, each distance rounded to float32 as the native kernel forms it. */
function inJs(
  g: Float32Array,
  norms: Float32Array,
  classes: Int32Array,
  positive: Int32Array,
  negative: Int32Array,
  n: number,
): void {
  const f = Math.fround;
  for (let i = 0; i < n; i++) {
    let [far, near, p, q] = [0, 0, -1, -1];
    for (let j = 0; j < n; j++) {
      const d = f(f(norms[i]! + norms[j]!) - f(2 * g[i * n + j]!));
      if (classes[j] === classes[i]) {
        if (j !== i && (p < 0 || d > far)) [far, p] = [d, j];
      } else if (q < 0 || d < near) [near, q] = [d, j];
    }
    positive[i] = p;
    negative[i] = q;
  }
}
