import { backend, env, getBackend, version_core } from '@tensorflow/tfjs-core';
import { lastChoice } from './select/state';
import type { AdapterSummary, BackendReason } from './types';
import { addedWasmKernels } from './wasm/register-wasm-training-kernels';

/** A description of the active backend, for reports and bug reports. */
export interface BackendDescription {
  /** `tf.getBackend()`. */
  readonly name: string;
  /** `16` when the backend computes in float16 (some WebGL devices), else `32`. */
  readonly floatPrecision: number;
  /** The WebGPU adapter, when the backend is `webgpu` and was chosen by `selectBackend`. */
  readonly adapter?: AdapterSummary;
  /** Kernels Tessera added to `wasm` (`registerWasmTrainingKernels`). */
  readonly trainingKernels: readonly string[];
  /** SIMD and thread count, when the backend is `wasm`. */
  readonly wasm?: { readonly simd: boolean; readonly threads: number };
  /** Why each candidate was or was not used, when `selectBackend` made the choice. */
  readonly reasons?: readonly BackendReason[];
  /** Versions: `tfjs-core`, and the runtime (`node` or the browser's user agent). */
  readonly versions: Readonly<Record<string, string>>;
}

/**
 * Describes the active TF.js backend: name, precision, adapter, the kernels Tessera added, wasm's
 * SIMD/threads, versions, and the reasons from the last `selectBackend`.
 *
 * @example
 * ```ts
 * await selectBackend();
 * console.log(await describeBackend());
 * // { name: 'wasm', floatPrecision: 32, trainingKernels: ['Conv2DBackpropFilter', …], wasm: { simd: true, threads: 1 }, … }
 * ```
 * @category Backends
 */
export async function describeBackend(): Promise<BackendDescription> {
  const name = getBackend();
  const choice = lastChoice();
  const fromChoice = choice?.name === name ? choice : undefined;
  const versions: Record<string, string> = { 'tfjs-core': version_core };
  const proc = (globalThis as { process?: { versions?: { node?: string } } }).process;
  if (proc?.versions?.node) versions.node = proc.versions.node;
  else if (typeof navigator !== 'undefined') versions.browser = navigator.userAgent;
  const description: BackendDescription = {
    name,
    floatPrecision: backend().floatPrecision(),
    trainingKernels: addedWasmKernels(),
    versions,
    ...(fromChoice?.adapter ? { adapter: fromChoice.adapter } : {}),
    ...(fromChoice ? { reasons: fromChoice.reasons } : {}),
    ...(name === 'wasm' ? { wasm: await wasmFeatures() } : {}),
  };
  return description;
}

async function wasmFeatures(): Promise<{ simd: boolean; threads: number }> {
  const { getThreadsCount } = await import('@tensorflow/tfjs-backend-wasm');
  const simd = Boolean(await env().getAsync('WASM_HAS_SIMD_SUPPORT'));
  return { simd, threads: getThreadsCount() };
}
