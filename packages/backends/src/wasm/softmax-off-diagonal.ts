import type { KernelBackend, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { TESSERA_KERNELS } from '@tessera/core';
import { checkFloat32, type HeapBackend } from './heap-backend';
import { softmaxOffDiagonalNative } from './native/softmax-off-diagonal-native';

/**
 * `TesseraSoftmaxOffDiagonal` (see `TESSERA_KERNELS` in `@tessera/core`) for `wasm`: each row's
 * softmax and log-sum-exp leaving out the diagonal, in one pass per row by
 * native/softmax-off-diagonal.c on every wasm thread — where the composed ops (a mask, a
 * subtraction, a maximum, an exponential, a sum, a logarithm, and for the gradient a division and a
 * product) pass over the n × n matrix seven times. Plain loops until the native kernels are ready.
 * @internal
 */
export function softmaxOffDiagonalWasmConfig(): KernelConfig {
  const name = TESSERA_KERNELS.softmaxOffDiagonal;
  const kernelFunc: KernelFunc = ({ inputs, backend }) => {
    const { s } = inputs as Record<string, TensorInfo | undefined>;
    checkFloat32(name, { s });
    const [n, cols] = s!.shape as number[];
    if (s!.shape.length !== 2 || n !== cols || n! < 2)
      throw new Error(`${name}: s must be a square matrix of at least 2 × 2, got [${s!.shape}]`);
    const heap = backend as unknown as HeapBackend;
    const p = heap.makeOutput([n!, n!], 'float32');
    const lse =
      softmaxOffDiagonalNative(backend as KernelBackend, s!, p, n!) ??
      inJs(heap.typedArrayFromHeap(s!), heap.typedArrayFromHeap(p), n!);
    const out = heap.makeOutput([n!], 'float32');
    heap.typedArrayFromHeap(out).set(lse);
    return [p, out];
  };
  return { kernelName: name, backendName: 'wasm', kernelFunc };
}

/** The same in JavaScript (float64 sums and exponentials, float32 out). */
function inJs(s: Float32Array, p: Float32Array, n: number): Float32Array {
  const lse = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const row = i * n;
    let m = -Infinity;
    for (let j = 0; j < n; j++) if (j !== i) m = Math.max(m, s[row + j]!);
    let t = 0;
    for (let j = 0; j < n; j++) {
      // the difference rounded to float32, as the native kernel and TF.js's ops form it
      const e = j === i ? 0 : Math.exp(Math.fround(s[row + j]! - m));
      p[row + j] = e;
      t += e;
    }
    for (let j = 0; j < n; j++) p[row + j] = p[row + j]! / t;
    lse[i] = m + Math.log(t);
  }
  return lse;
}
