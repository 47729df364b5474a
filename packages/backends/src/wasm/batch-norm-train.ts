import type { KernelBackend, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { TESSERA_KERNELS } from '@tessera/core';
import { checkFloat32, type HeapBackend } from './heap-backend';
import { batchNormGradNative, batchNormStatsNative } from './native/batch-norm-train-native';

function rowsOf(t: TensorInfo) {
  const channels = t.shape.at(-1) ?? 1;
  const size = t.shape.reduce((a, b) => a * b, 1);
  return { dataId: t.dataId, rows: channels === 0 ? 0 : size / channels, channels };
}

function output(backend: HeapBackend, shape: number[], values: Float32Array): TensorInfo {
  const out = backend.makeOutput(shape, 'float32');
  backend.typedArrayFromHeap(out).set(values);
  return out;
}

/**
 * `TesseraBatchNormStats` (see `TESSERA_KERNELS` in `@tessera/core`) for `wasm`: the per-channel
 * mean and biased variance over every axis but the last, by native/batch-norm-train.c on every
 * wasm thread — two reads of the input, against TF.js's `moments` (a mean, a subtraction, a square
 * and a second mean, two of them writing full-size tensors). Plain loops until the native kernels
 * are ready.
 * @internal
 */
export function batchNormStatsWasmConfig(): KernelConfig {
  const name = TESSERA_KERNELS.batchNormStats;
  const kernelFunc: KernelFunc = ({ inputs, backend }) => {
    const { x } = inputs as Record<string, TensorInfo | undefined>;
    checkFloat32(name, { x });
    const heap = backend as unknown as HeapBackend;
    const rows = rowsOf(x as TensorInfo);
    if (rows.rows === 0) throw new Error(`${name}: x has no rows (shape ${x?.shape})`);
    const stats =
      batchNormStatsNative(backend as KernelBackend, rows) ??
      statsInJs(heap.typedArrayFromHeap(x as TensorInfo), rows.rows, rows.channels);
    return [
      output(heap, [rows.channels], stats.mean),
      output(heap, [rows.channels], stats.variance),
    ];
  };
  return { kernelName: name, backendName: 'wasm', kernelFunc };
}

/**
 * `TesseraBatchNormGrad` (see `TESSERA_KERNELS` in `@tessera/core`) for `wasm`: batch norm's
 * training gradient `[dx, dScale, dOffset]` in two passes over `dy` and `x` on every wasm thread
 * (TF.js's composed gradient takes about ten full-size element-wise passes and reductions). Plain
 * loops until the native kernels are ready.
 * @internal
 */
export function batchNormGradWasmConfig(): KernelConfig {
  const name = TESSERA_KERNELS.batchNormGrad;
  const kernelFunc: KernelFunc = ({ inputs, attrs, backend }) => {
    const { dy, x, mean, variance, scale } = inputs as Record<string, TensorInfo | undefined>;
    checkFloat32(name, { dy, x, mean, variance, scale });
    const eps = (attrs as { varianceEpsilon?: number }).varianceEpsilon;
    if (typeof eps !== 'number' || !(eps >= 0))
      throw new Error(`${name}: attribute varianceEpsilon must be a number ≥ 0, got ${eps}`);
    const heap = backend as unknown as HeapBackend;
    const xRows = rowsOf(x as TensorInfo);
    const C = xRows.channels;
    if (String(dy?.shape) !== String(x?.shape))
      throw new Error(`${name}: dy ${dy?.shape} and x ${x?.shape} differ in shape`);
    for (const [key, t] of Object.entries({ mean, variance, scale }))
      if (t?.shape.length !== 1 || t.shape[0] !== C)
        throw new Error(`${name}: ${key} must be [${C}], got [${t?.shape}]`);
    const read = (t: TensorInfo | undefined) => heap.typedArrayFromHeap(t as TensorInfo).slice();
    const stats = { mean: read(mean), variance: read(variance), scale: read(scale) };
    const dx = heap.makeOutput([...(x as TensorInfo).shape], 'float32');
    const dxRows = rowsOf(dx);
    let grads: { dScale: Float32Array; dOffset: Float32Array } | null;
    try {
      grads =
        batchNormGradNative(
          backend as KernelBackend,
          rowsOf(dy as TensorInfo),
          xRows,
          dxRows,
          stats,
          eps,
        ) ??
        gradInJs(
          heap.typedArrayFromHeap(dy as TensorInfo),
          heap.typedArrayFromHeap(x as TensorInfo),
          heap.typedArrayFromHeap(dx),
          stats,
          eps,
          C,
        );
    } catch (e) {
      (backend as KernelBackend).disposeData(dx.dataId);
      throw e;
    }
    return [dx, output(heap, [C], grads.dScale), output(heap, [C], grads.dOffset)];
  };
  return { kernelName: name, backendName: 'wasm', kernelFunc };
}

/** The statistics in plain loops (float64 sums), before the native kernels are ready. */
function statsInJs(x: Float32Array, rows: number, C: number) {
  const sum = new Float64Array(C);
  for (let i = 0; i < x.length; i++) sum[i % C] = (sum[i % C] as number) + (x[i] as number);
  const mean = Float32Array.from(sum, (s) => s / rows);
  const sq = new Float64Array(C);
  for (let i = 0; i < x.length; i++) {
    const d = (x[i] as number) - (mean[i % C] as number);
    sq[i % C] = (sq[i % C] as number) + d * d;
  }
  return { mean, variance: Float32Array.from(sq, (s) => s / rows) };
}

/** The gradient in plain loops (float64 sums), before the native kernels are ready. */
function gradInJs(
  dy: Float32Array,
  x: Float32Array,
  dx: Float32Array,
  stats: { mean: Float32Array; variance: Float32Array; scale: Float32Array },
  eps: number,
  C: number,
) {
  const rows = x.length / C;
  const sumDy = new Float64Array(C);
  const sumDyXc = new Float64Array(C);
  for (let i = 0; i < x.length; i++) {
    const c = i % C;
    sumDy[c] = (sumDy[c] as number) + (dy[i] as number);
    sumDyXc[c] =
      (sumDyXc[c] as number) + (dy[i] as number) * ((x[i] as number) - (stats.mean[c] as number));
  }
  const r = Float64Array.from(stats.variance, (v) => 1 / Math.sqrt(v + eps));
  for (let i = 0; i < x.length; i++) {
    const c = i % C;
    const rc = r[c] as number;
    const g = (stats.scale[c] as number) * rc;
    const xc = (x[i] as number) - (stats.mean[c] as number);
    dx[i] =
      g * (dy[i] as number) -
      (g * rc * rc * (sumDyXc[c] as number) * xc) / rows -
      (g * (sumDy[c] as number)) / rows;
  }
  return {
    dScale: Float32Array.from(sumDyXc, (s, c) => (r[c] as number) * s),
    dOffset: Float32Array.from(sumDy),
  };
}
