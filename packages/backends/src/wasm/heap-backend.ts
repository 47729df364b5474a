import type { DataType, TensorInfo } from '@tensorflow/tfjs-core';

/** The parts of tfjs-backend-wasm's `BackendWasm` that Tessera's heap kernels use. @internal */
export interface HeapBackend {
  makeOutput(shape: number[], dtype: 'float32'): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): Float32Array;
}

/** {@link HeapBackend} for kernels of float32 and int32 data (gathers, copies, indices). @internal */
export interface TypedHeapBackend {
  makeOutput(shape: number[], dtype: DataType): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): Float32Array | Int32Array;
}

/** Throws, naming `kernel` and the input, when an input is missing or not float32. @internal */
export function checkFloat32(kernel: string, inputs: Record<string, TensorInfo | undefined>): void {
  for (const [name, t] of Object.entries(inputs)) {
    if (!t) throw new Error(`${kernel}: input ${name} is missing`);
    if (t.dtype !== 'float32')
      throw new Error(`${kernel}: input ${name} must be float32, got ${t.dtype}`);
  }
}
