import type { KernelBackend } from '@tensorflow/tfjs-core';
import { KERNEL, nativeKernels } from './native-kernels';
import { heapOffset, partCount, withWasmFloats } from './wasm-memory';

/**
 * Parts the rows are split into. Fixed (not the thread count), and the parts' sums added in
 * order, so the statistics and gradients are the same bits on any number of threads.
 */
const PARTS = 8;

/** Where a `[rows, C]` float32 tensor lies in the wasm memory. */
export interface HeapRows {
  readonly dataId: object;
  readonly rows: number;
  readonly channels: number;
}

/** `Σ_parts part[start + c]` for `c < C`, the parts added in order in float64. */
function sumParts(memory: WebAssembly.Memory, outs: readonly number[], start: number, C: number) {
  const total = new Float64Array(C);
  for (const out of outs) {
    const part = new Float32Array(memory.buffer, out + start * 4, C);
    for (let c = 0; c < C; c++) total[c] = (total[c] as number) + (part[c] as number);
  }
  return total;
}

/**
 * The per-channel mean and biased variance of `x` by native/batch-norm-train.c (two passes: the
 * mean, then the squared deviations from the float32 mean), or `null` when the native kernels are
 * not ready on this backend.
 * @internal
 */
export function batchNormStatsNative(
  backend: KernelBackend,
  x: HeapRows,
): { mean: Float32Array; variance: Float32Array } | null {
  const native = nativeKernels(backend);
  if (!native) return null;
  const { rows, channels: C } = x;
  const parts = partCount(rows, PARTS);
  return withWasmFloats(native, parts * 2 * C + C, 'TesseraBatchNormStats', (at) => {
    const outs = Array.from({ length: parts }, (_, k) => at + k * 2 * C * 4);
    const meanAt = at + parts * 2 * C * 4;
    const xAt = heapOffset(backend, x.dataId);
    const sums = () => Float32Array.from(sumParts(native.memory, outs, 0, C), (s) => s / rows);
    native.pool.run(KERNEL.bnStatsPart, [xAt, 0, rows, C], outs);
    const mean = sums();
    new Float32Array(native.memory.buffer, meanAt, C).set(mean);
    native.pool.run(KERNEL.bnStatsPart, [xAt, meanAt, rows, C], outs);
    return { mean, variance: sums() };
  });
}

/**
 * Batch norm's training gradient by native/batch-norm-train.c — one pass for `Σ dy` and
 * `Σ dy·(x − μ)`, one for `dx` — into the memory of `dx` (a `[rows, C]` output the caller made),
 * returning `dScale` and `dOffset`; or `null` when the native kernels are not ready.
 * @internal
 */
export function batchNormGradNative(
  backend: KernelBackend,
  dy: HeapRows,
  x: HeapRows,
  dx: HeapRows,
  stats: { mean: Float32Array; variance: Float32Array; scale: Float32Array },
  varianceEpsilon: number,
): { dScale: Float32Array; dOffset: Float32Array } | null {
  const native = nativeKernels(backend);
  if (!native) return null;
  const { rows, channels: C } = x;
  const parts = partCount(rows, PARTS);
  return withWasmFloats(native, parts * 4 * C + 4 * C, 'TesseraBatchNormGrad', (at) => {
    const outs = Array.from({ length: parts }, (_, k) => at + k * 4 * C * 4);
    const coefAt = at + parts * 4 * C * 4;
    const [dyAt, xAt] = [heapOffset(backend, dy.dataId), heapOffset(backend, x.dataId)];
    const coef = new Float32Array(native.memory.buffer, coefAt, 4 * C);
    coef.set(stats.mean);
    native.pool.run(KERNEL.bnGradSumsPart, [dyAt, xAt, coefAt, rows, C], outs);
    const sumDy = sumParts(native.memory, outs, 0, C);
    const sumDyXc = sumParts(native.memory, outs, C, C);
    const dScale = new Float32Array(C);
    const dOffset = new Float32Array(C);
    for (let c = 0; c < C; c++) {
      const r = 1 / Math.sqrt((stats.variance[c] as number) + varianceEpsilon);
      const g = stats.scale[c] as number;
      dOffset[c] = sumDy[c] as number;
      dScale[c] = r * (sumDyXc[c] as number);
      // dx = γr·dy − γr·Σdy/N − γr³·Σdy(x − μ)/N · (x − μ)
      coef[C + c] = g * r;
      coef[2 * C + c] = (-g * r * r * r * (sumDyXc[c] as number)) / rows;
      coef[3 * C + c] = (-g * r * (sumDy[c] as number)) / rows;
    }
    const dxAt = heapOffset(backend, dx.dataId);
    native.pool.run(
      KERNEL.bnGradDxPart,
      [dyAt, xAt, coefAt, rows, C],
      outs.map(() => dxAt),
    );
    return { dScale, dOffset };
  });
}
