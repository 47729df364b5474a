import type { KernelBackend, TensorInfo } from '@tensorflow/tfjs-core';
import { KERNEL, nativeKernels } from './native-kernels';
import { heapOffset, partCount } from './wasm-memory';

/** Most parts (rows are independent: any count gives the same indices). */
const PARTS = 8;

/**
 * Each row's hardest positive and negative (native/hardest-pairs.c) into `positive` and `negative`
 * (int32 `[n]`, already allocated) on every wasm thread; `false` when the native kernels are not
 * ready (the caller then runs its JavaScript loop).
 * @internal
 */
export function hardestPairsNative(
  backend: KernelBackend,
  inputs: { gram: TensorInfo; norms: TensorInfo; classes: TensorInfo },
  positive: TensorInfo,
  negative: TensorInfo,
  n: number,
): boolean {
  const native = nativeKernels(backend);
  if (!native) return false;
  const at = (t: TensorInfo) => heapOffset(backend, t.dataId);
  const out = at(positive);
  native.pool.run(
    KERNEL.hardestPairsPart,
    [at(negative), at(inputs.gram), at(inputs.norms), at(inputs.classes), n],
    Array.from({ length: partCount(n, PARTS) }, () => out),
  );
  return true;
}
