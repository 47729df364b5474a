import { engine, getKernel, registerKernel, unregisterKernel } from '@tensorflow/tfjs-core';
import { maxPoolGradWasmConfig } from './max-pool-grad';
import { mirrorPadWasmConfig } from './mirror-pad';
import type { KernelConfig, KernelFunc } from '@tensorflow/tfjs-core';
import { batchMatMulWasmConfig } from './batch-mat-mul';
import { batchNormGradWasmConfig, batchNormStatsWasmConfig } from './batch-norm-train';
import { broadcastTileWasmConfig } from './broadcast-tile';
import { conv2DBackpropFilterWasmConfig } from './conv2d-backprop-filter';
import { conv2DWasmConfig, fusedConv2DWasmConfig } from './conv2d';
import { conv2dMaxPoolWasmConfig } from './conv2d-max-pool';
import { conv2DBackpropInputWasmConfig } from './conv2d-backprop-input';
import { cpuFallbackKernel } from './cpu-fallback-kernel';
import { fusedBatchNormWasmConfig } from './fused-batch-norm';
import { gatherWasmConfig } from './gather';
import { globalAvgPoolGradWasmConfig } from './global-avg-pool-grad';
import { gramWasmConfig } from './gram';
import { hardestPairsWasmConfig } from './hardest-pairs';
import { copyReadsFromHeapViews, type ReadableHeapBackend } from './heap-reads';
import { scaledSymmetricMatMulWasmConfig } from './scaled-symmetric-matmul';
import { scaledSymmetricSumWasmConfig } from './scaled-symmetric-sum';
import { int16MatMulWasmConfig } from './int16-matmul';
import { softmaxRegressionWasmConfig } from './softmax-regression';
import { leadingReduceWasmConfig } from './leading-reduce';
import { reluGradWasmConfig } from './relu-grad';
import { softmaxOffDiagonalWasmConfig } from './softmax-off-diagonal';
import { castWasmConfig, identityWasmConfig } from './shared-data';
import { sliceWasmConfig, splitVWasmConfig } from './slice';
import { spatialReduceWasmConfig } from './spatial-reduce';
import { topKColumnsWasmConfig } from './top-k-columns';
import { transposeWasmConfig } from './transpose';
import { unsortedSegmentSumWasmConfig } from './unsorted-segment-sum';

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
   * Also replace shipped kernels that are slow where training needs them (the README lists them):
   * the convolutions (Tessera's native kernel), the scalar-loop `Conv2DBackpropInput` (≈ 10×),
   * `BatchMatMul`'s transposed-operand path (≈ 45×; every matmul's gradient uses it), reductions,
   * batch norm, max-pool gradients and copies. Same results within float32 rounding. Default `true`.
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
  ['UnsortedSegmentSum', unsortedSegmentSumWasmConfig], // gradient of gather: rows added on the heap
];

/** Shipped kernels replaced with faster ones; each keeps the shipped kernel as its fallback. */
const ACCELERATED: ReadonlyArray<readonly [string, (shipped: KernelFunc) => KernelConfig]> = [
  // native convolution on every thread (Winograd for 3×3 stride 1: ≈ 2× XNNPACK), bias and ReLU fused
  ['Conv2D', conv2DWasmConfig],
  ['FusedConv2D', fusedConv2DWasmConfig],
  ['Conv2DBackpropInput', conv2DBackpropInputWasmConfig], // scalar loop → a convolution (≈10×)
  ['BatchMatMul', batchMatMulWasmConfig], // transposed operands → explicit transpose (≈45×)
  // over leading axes (batch norm's statistics) or H and W (global average pooling) → XNNPACK
  // average pooling (≈15×, ≈10×)
  [
    'Sum',
    (shipped) => spatialReduceWasmConfig('Sum')(leadingReduceWasmConfig('Sum')(shipped).kernelFunc),
  ],
  [
    'Mean',
    (shipped) =>
      spatialReduceWasmConfig('Mean')(leadingReduceWasmConfig('Mean')(shipped).kernelFunc),
  ],
  ['Tile', broadcastTileWasmConfig], // broadcast over leading axes (batch-norm gradient) → outer product (≈35×)
  ['MaxPoolGrad', maxPoolGradWasmConfig], // one pass on the heap, cpu's argmax rule (≈3×)
  ['FusedBatchNorm', fusedBatchNormWasmConfig], // native SIMD pass on every thread (≈5×)
  ['Identity', identityWasmConfig], // clone → shared buffer, as cpu (no copy)
  ['Cast', castWasmConfig], // cast to the same dtype → shared buffer
  ['GatherV2', gatherWasmConfig], // element by element → slice copies (≈ 50×)
  // a whole-input copy through shared memory first → heap views (≈ 15×); its setup makes the
  // backend's reads copy from heap views too (≈ 10×)
  ['Slice', sliceWasmConfig],
  ['SplitV', splitVWasmConfig], // the same per part
  ['MirrorPad', mirrorPadWasmConfig], // source coordinates per element → runs from heap views (≈ 3.5×)
  ['Transpose', transposeWasmConfig], // a matrix's strided reads → 4×4 register blocks (≈ 10×)
];

/**
 * Tessera's own kernels (`TESSERA_KERNELS` in `@tessera/core`), which its packages run where a
 * backend registers them: batch norm's training statistics and gradient, ReLU's gradient and
 * global average pooling's (`@tessera/models`' layers), and the contrastive losses' softmax
 * without the diagonal (`@tessera/losses`), exact int16 similarities and each column's top k (`@tessera/metrics`'
 * kNN: 8-bit pixels, neighbours), the linear probe's loss and gradient (`@tessera/metrics`) and a
 * convolution with its 2×2 max pool in one pass (`@tessera/models`' `inferenceFunction`).
 */
const OWN: ReadonlyArray<() => KernelConfig> = [
  batchNormStatsWasmConfig,
  batchNormGradWasmConfig,
  reluGradWasmConfig,
  softmaxOffDiagonalWasmConfig,
  globalAvgPoolGradWasmConfig,
  int16MatMulWasmConfig,
  conv2dMaxPoolWasmConfig,
  gramWasmConfig,
  hardestPairsWasmConfig,
  scaledSymmetricSumWasmConfig,
  scaledSymmetricMatMulWasmConfig,
  topKColumnsWasmConfig,
  softmaxRegressionWasmConfig,
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
 * - `DepthwiseConv2dNativeBackpropFilter`, `DepthwiseConv2dNativeBackpropInput` — computed by the
 *   `cpu` kernel and copied back;
 * - `UnsortedSegmentSum` (the gradient of `gather`) — rows added in order on the heap (the `cpu`
 *   kernel, which builds a mask per segment, for other cases).
 *
 * With `accelerate` (the default) it also replaces shipped kernels that are slow where training
 * needs them — among them `Conv2D` and `FusedConv2D` with Tessera's native convolution (Winograd
 * F(2×2, 3×3) for 3×3 stride-1 layers, ≈ 2× XNNPACK's), the scalar-loop `Conv2DBackpropInput`
 * with a convolution (≈ 10× faster), and transposed `BatchMatMul`s with an explicit transpose
 * (≈ 45× faster); the shipped kernels remain their fallbacks.
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
  if (accelerate) {
    for (const make of OWN) {
      const config = make();
      if (added.has(config.kernelName) || getKernel(config.kernelName, 'wasm')) continue;
      registerKernel(config);
      added.add(config.kernelName);
    }
    for (const [name, make] of ACCELERATED) {
      const original = getKernel(name, 'wasm');
      if (replaced.has(name) || !original) continue;
      unregisterKernel(name, 'wasm');
      // Keep the shipped kernel's setup/dispose: wasm kernels bind their WebAssembly functions in
      // setupFunc when the backend initialises, and ours calls the shipped kernel as its fallback.
      const { setupFunc, disposeFunc } = original;
      const config = make(original.kernelFunc);
      const setup = composeSetup(config.setupFunc, setupFunc);
      registerKernel({
        ...config,
        ...(setup ? { setupFunc: setup } : {}),
        ...(disposeFunc ? { disposeFunc } : {}),
      });
      replaced.add(name);
    }
  }
  // A backend initialised before this call has run no setup function of the kernels above.
  const live = engine().registry['wasm'];
  if (accelerate && live) copyReadsFromHeapViews(live as unknown as ReadableHeapBackend);
  return { added: [...added], shipped, replaced: [...replaced] };
}

/** Runs Tessera's setup for the backend, then the shipped kernel's. */
function composeSetup(
  own: KernelConfig['setupFunc'],
  shipped: KernelConfig['setupFunc'],
): KernelConfig['setupFunc'] {
  if (!own || !shipped) return own ?? shipped;
  return (backend) => {
    own(backend);
    shipped(backend);
  };
}

/** The kernels Tessera has added to or replaced in `wasm` so far (for reports). @internal */
export function addedWasmKernels(): readonly string[] {
  return [...added, ...[...replaced].map((k) => `${k} (accelerated)`)];
}
