import type { Candidate } from '../select/candidate';
import { setNativeWorkerSpawner } from '../wasm/native/native-kernels';
import { setRelaxedSimdAllowed } from '../wasm/native/relaxed-simd';
import { spawnNodeWorker } from '../wasm/native/spawn-node-worker';
import { defaultNodeWasmThreads, enableNodeWasmThreads } from '../wasm/node-threads';
import { wasmCandidate } from './wasm';

/**
 * `wasm` in Node: the shared candidate, plus the threaded SIMD build with one XNNPACK thread per
 * core (`wasmThreads`, `TESSERA_WASM_THREADS`), which tfjs leaves off in Node; and
 * `TESSERA_RELAXED_SIMD=0`, which keeps the native kernels on their SIMD128 build. @internal
 */
export const nodeWasmCandidate: Candidate = {
  name: 'wasm',
  async prepare(options) {
    const threads = defaultNodeWasmThreads(options.wasmThreads);
    // before the shared candidate compiles the native kernels for this engine's instructions
    if (process.env.TESSERA_RELAXED_SIMD === '0') setRelaxedSimdAllowed(false);
    const prepared = await wasmCandidate.prepare(options);
    if (!prepared.ok) return prepared;
    const result = enableNodeWasmThreads(threads);
    setNativeWorkerSpawner(spawnNodeWorker);
    const note = result.enabled
      ? `${result.threads} threads (threaded SIMD build)`
      : `one thread (${result.reason})`;
    return { ...prepared, note: `${prepared.note ?? 'WebAssembly'}; ${note}` };
  },
  activated: wasmCandidate.activated,
};
