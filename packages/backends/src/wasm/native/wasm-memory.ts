import type { KernelBackend } from '@tensorflow/tfjs-core';
import type { NativeKernels, WasmModuleBackend } from './native-kernels';

// The native kernels' access to the wasm memory: scratch floats, tensor addresses, and how a job
// is split into parts.

/**
 * Runs `work(at)` with `floats` float32s of the wasm memory at `at` (0 when `floats` is 0), freed
 * when it returns or throws; `kernel` names the caller in the out-of-memory error. @internal
 */
export function withWasmFloats<T>(
  native: NativeKernels,
  floats: number,
  kernel: string,
  work: (at: number) => T,
): T {
  if (floats === 0) return work(0);
  const at = native.malloc(floats * 4);
  if (at === 0) throw new Error(`${kernel}: out of wasm memory`);
  try {
    return work(at);
  } finally {
    native.free(at);
  }
}

/** How many parts a job over `units` rows or images is split into: at most `max`, at least 1. @internal */
export function partCount(units: number, max: number): number {
  return Math.max(1, Math.min(max, units));
}

/** Address of a tensor's data in the wasm memory. @internal */
export function heapOffset(backend: KernelBackend, dataId: object): number {
  const entry = (backend as unknown as WasmModuleBackend).dataIdMap.get(dataId);
  if (!entry) throw new Error('nativeKernels: tensor data not found on the wasm backend');
  return entry.memoryOffset;
}
