import { getKernel } from '@tensorflow/tfjs-core';
import type {
  KernelBackend,
  NamedAttrMap,
  NamedTensorInfoMap,
  TensorInfo,
} from '@tensorflow/tfjs-core';

/**
 * Calls a registered kernel of `backend` directly (not through the engine), as tfjs kernels call
 * each other. The caller owns the returned TensorInfo and must release it with
 * `backend.disposeData(info.dataId)` unless it is the kernel's own output.
 * @internal
 */
export function runKernel(
  kernelName: string,
  backendName: string,
  backend: KernelBackend,
  inputs: NamedTensorInfoMap,
  attrs: NamedAttrMap,
): TensorInfo {
  const kernel = getKernel(kernelName, backendName);
  if (!kernel)
    throw new Error(`Kernel '${kernelName}' not registered for backend '${backendName}'.`);
  const out = kernel.kernelFunc({ inputs, attrs, backend });
  if (Array.isArray(out))
    throw new Error(`Kernel '${kernelName}' returned several outputs; expected one.`);
  return out as TensorInfo;
}

/** Runs a kernel whose output is released when {@link withTemporaries} returns. @internal */
export type RunTemporary = (
  kernelName: string,
  inputs: Record<string, TensorInfo>,
  attrs: object,
) => TensorInfo;

/**
 * Runs `body` with a `temp` function that calls `backend`'s kernels and releases every result it
 * made when `body` returns or throws; `body`'s own return value (made with {@link runKernel}) is
 * the caller's. Keeps composite kernels leak-free.
 * @internal
 */
export function withTemporaries<T>(
  backendName: string,
  backend: KernelBackend,
  body: (temp: RunTemporary) => T,
): T {
  const temps: TensorInfo[] = [];
  const temp: RunTemporary = (kernelName, inputs, attrs) => {
    const out = runKernel(kernelName, backendName, backend, inputs, attrs as NamedAttrMap);
    temps.push(out);
    return out;
  };
  try {
    return body(temp);
  } finally {
    for (const t of temps) backend.disposeData(t.dataId);
  }
}
