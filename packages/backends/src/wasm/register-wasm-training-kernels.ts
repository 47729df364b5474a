import { getKernel, registerKernel, unregisterKernel } from '@tensorflow/tfjs-core';
import type { KernelConfig } from '@tensorflow/tfjs-core';
import { conv2DBackpropFilterWasmConfig } from './conv2d-backprop-filter';
import { conv2DBackpropInputWasmConfig } from './conv2d-backprop-input';
import { cpuFallbackKernel } from './cpu-fallback-kernel';

/** What {@link registerWasmTrainingKernels} did. */
export interface WasmTrainingKernels {
  /** Kernels Tessera has registered for `wasm` (by this call or an earlier one). */
  readonly added: readonly string[];
  /** Kernels that `wasm` already had from its own release, left untouched. */
  readonly shipped: readonly string[];
  /** Shipped kernels Tessera replaced with faster ones (the shipped one remains their fallback). */
  readonly replaced: readonly string[];
}

/** Options of {@link registerWasmTrainingKernels}. */
export interface RegisterWasmTrainingKernelsOptions {
  /**
   * Also replace wasm 4.22's scalar-loop `Conv2DBackpropInput` with one built on XNNPACK's
   * convolution (about 10× faster, same results within float32 rounding). Default `true`.
   */
  accelerate?: boolean;
}

/** The kernels training needs that `@tensorflow/tfjs-backend-wasm` 4.22 lacks, and how each is provided. */
const MISSING: ReadonlyArray<readonly [string, () => KernelConfig]> = [
  ['Conv2DBackpropFilter', conv2DBackpropFilterWasmConfig], // native: wasm's own Conv2D/Transpose/Slice
  [
    'DepthwiseConv2dNativeBackpropFilter',
    () => cpuFallbackKernel('DepthwiseConv2dNativeBackpropFilter', 'wasm'),
  ],
  [
    'DepthwiseConv2dNativeBackpropInput',
    () => cpuFallbackKernel('DepthwiseConv2dNativeBackpropInput', 'wasm'),
  ],
  ['UnsortedSegmentSum', () => cpuFallbackKernel('UnsortedSegmentSum', 'wasm')], // gradient of gather
];

const added = new Set<string>();
const replaced = new Set<string>();

/**
 * Registers for the `wasm` backend the kernels that its 4.22 release lacks and that training needs,
 * so conv nets train on `wasm` (otherwise `model.fit` fails with
 * `Kernel 'Conv2DBackpropFilter' not registered for backend 'wasm'`):
 *
 * - `Conv2DBackpropFilter` — built from wasm's own XNNPACK `Conv2D`, `Transpose` and `Slice`
 *   (the filter gradient is a conv2d of the transposed input with the transposed output gradient);
 * - `DepthwiseConv2dNativeBackpropFilter`, `DepthwiseConv2dNativeBackpropInput`,
 *   `UnsortedSegmentSum` (the gradient of `gather`) — computed by the `cpu` kernel and copied back.
 *
 * With `accelerate` (the default) it also replaces the shipped scalar-loop `Conv2DBackpropInput`
 * with an XNNPACK-based one, about 10× faster; the shipped kernel remains its fallback.
 *
 * Idempotent, leak-free, and a no-op for any missing kernel a later tfjs release ships. Call it once before
 * training on `wasm`; `selectBackend` calls it when it picks `wasm`.
 *
 * @returns Which kernels Tessera added and which `wasm` already had.
 * @example
 * ```ts
 * import '@tensorflow/tfjs-backend-wasm';
 * registerWasmTrainingKernels(); // → { added: ['Conv2DBackpropFilter', …], shipped: [] }
 * await tf.setBackend('wasm');
 * await model.fit(xs, ys); // conv nets now train on wasm
 * ```
 * @category Backends
 */
export function registerWasmTrainingKernels({
  accelerate = true,
}: RegisterWasmTrainingKernelsOptions = {}): WasmTrainingKernels {
  const shipped: string[] = [];
  for (const [name, make] of MISSING) {
    if (added.has(name)) continue;
    if (getKernel(name, 'wasm')) {
      shipped.push(name);
      continue;
    }
    registerKernel(make());
    added.add(name);
  }
  const original = getKernel('Conv2DBackpropInput', 'wasm');
  if (accelerate && !replaced.has('Conv2DBackpropInput') && original) {
    unregisterKernel('Conv2DBackpropInput', 'wasm');
    registerKernel(conv2DBackpropInputWasmConfig(original.kernelFunc));
    replaced.add('Conv2DBackpropInput');
  }
  return { added: [...added], shipped, replaced: [...replaced] };
}

/** The kernels Tessera has added to or replaced in `wasm` so far (for reports). @internal */
export function addedWasmKernels(): readonly string[] {
  return [...added, ...[...replaced].map((k) => `${k} (accelerated)`)];
}
