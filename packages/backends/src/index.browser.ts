// @tessera/backends — browser entry (the package's `browser` export condition). No Node modules.
import type { BackendChoice, BackendName, SelectBackendOptions } from './types';
import { cpuCandidate } from './candidates/cpu';
import { wasmCandidate } from './candidates/wasm';
import { webglCandidate } from './candidates/webgl';
import { browserWebGpuCandidate } from './candidates/webgpu-browser';
import { selectFrom } from './select/select-from';

/** Browser order: WebGPU (hardware) → WebGL → wasm → (software WebGPU) → cpu. */
const BROWSER_CANDIDATES = [browserWebGpuCandidate, webglCandidate, wasmCandidate, cpuCandidate];

/**
 * Finds, starts and activates the best TF.js backend in a browser, and says why for every candidate.
 *
 * Order: `webgpu` (hardware adapter) → `webgl` → `wasm` (with {@link registerWasmTrainingKernels})
 * → `cpu`; a software WebGPU adapter ranks below `wasm` unless `allowSoftware` is set. Each candidate
 * must initialise and pass a self-check (a matmul and a conv2d gradient compared with `cpu`).
 * In a bundle, pass `wasmPaths` so the `.wasm` files can be fetched (see the README).
 *
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} for unknown backend names.
 * @throws {@link BackendUnavailableError} when `force` names a backend that cannot start, or none can.
 * @category Backends
 */
export async function selectBackend(options: SelectBackendOptions = {}): Promise<BackendChoice> {
  return selectFrom(BROWSER_CANDIDATES, options);
}

/** The backends `selectBackend` considers in a browser, in order. */
export const BROWSER_BACKEND_ORDER: readonly BackendName[] = BROWSER_CANDIDATES.map((c) => c.name);

export * from './exports';
