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
