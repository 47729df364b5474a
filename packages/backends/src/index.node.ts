// @tessera/backends — Node entry (the package's `node` export condition).
import type { BackendChoice, BackendName, SelectBackendOptions } from './types';
import { cpuCandidate } from './candidates/cpu';
import { tensorflowCandidate } from './candidates/tensorflow-node';
import { nodeWasmCandidate } from './candidates/wasm-node';
import { nodeWebGpuCandidate } from './candidates/webgpu-node';
import { selectFrom } from './select/select-from';

/** Node's order: native TensorFlow → WebGPU (Dawn, hardware) → wasm → (software WebGPU) → cpu. */
const NODE_CANDIDATES = [tensorflowCandidate, nodeWebGpuCandidate, nodeWasmCandidate, cpuCandidate];

/**
 * Finds, starts and activates the best TF.js backend, and says why for every candidate.
 *
 * Node order: `tensorflow` (native TensorFlow, when `@tensorflow/tfjs-node` installed with its
 * libtensorflow) → `webgpu` (Dawn, through the optional `webgpu` package; hardware adapters) →
 * `wasm` (with {@link registerWasmTrainingKernels}, and its threaded SIMD build with one XNNPACK
 * thread per core — see `wasmThreads`) → `cpu`. A software WebGPU adapter (SwiftShader)
 * ranks below `wasm` unless `allowSoftware` is set. Each candidate must initialise and pass a
 * self-check — a matmul and a conv2d gradient compared with `cpu` — to be chosen.
 *
 * `TESSERA_BACKEND=<name>` (or `force`) starts that backend only, and throws
 * {@link BackendUnavailableError} with the reason when it cannot.
 *
 * @returns The chosen backend (now active), its adapter for WebGPU, and a reason per candidate.
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} for unknown backend names in the options or `TESSERA_BACKEND`.
 * @throws {@link BackendUnavailableError} when the forced backend, or every candidate, fails.
 * @example
 * ```ts
 * const { name, reasons } = await selectBackend();
 * for (const r of reasons) console.log(r.used ? '✔' : '✘', r.backend, r.reason);
 * // ✘ tensorflow @tensorflow/tfjs-node could not load: The Node.js native addon module …
 * // ✘ webgpu Dawn found no Vulkan adapter (…)
 * // ✔ wasm WebAssembly (XNNPACK); training kernels added: …; passed the self-check …
 * ```
 * @category Backends
 */
export async function selectBackend(options: SelectBackendOptions = {}): Promise<BackendChoice> {
  const fromEnv = process.env.TESSERA_BACKEND?.trim();
  if (options.force === undefined && fromEnv) {
    return selectFrom(
      NODE_CANDIDATES,
      { ...options, force: fromEnv as BackendName },
      'TESSERA_BACKEND',
    );
  }
  return selectFrom(NODE_CANDIDATES, options);
}

/** The backends `selectBackend` considers in Node, in order. */
export const NODE_BACKEND_ORDER: readonly BackendName[] = NODE_CANDIDATES.map((c) => c.name);

export * from './exports';
export {
  GPU_DEVICE_PATHS,
  installNodeWebGpu,
  SWIFTSHADER_ICD_PATHS,
} from './webgpu/install-node-webgpu';
export type { NodeWebGpu } from './webgpu/install-node-webgpu';
