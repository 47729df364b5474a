import '@tensorflow/tfjs-backend-cpu'; // the fallback runs cpu kernels
import { findBackend, getKernel } from '@tensorflow/tfjs-core';
import type {
  KernelBackend,
  KernelConfig,
  KernelFunc,
  NamedTensorInfoMap,
  TensorInfo,
} from '@tensorflow/tfjs-core';

/**
 * A kernel for `backendName` that runs the `cpu` backend's kernel of the same name: inputs are
 * read from the target backend (copied), written to `cpu`, computed there, and the outputs written
 * back. Every `cpu` intermediate is released before returning, so nothing leaks.
 *
 * Right for kernels that are rare in a training step and small (depthwise filter gradients, the
 * gradient of `gather`); a hot kernel deserves a native implementation.
 * @internal
 */
export function cpuFallbackKernel(kernelName: string, backendName: string): KernelConfig {
  const kernelFunc: KernelFunc = ({ inputs, attrs, backend }) => {
    const target = backend as KernelBackend;
    const cpuKernel = getKernel(kernelName, 'cpu');
    const cpu = findBackend('cpu');
    if (!cpuKernel || !cpu) {
      throw new Error(
        `${backendName} ${kernelName}: needs the cpu backend (import '@tensorflow/tfjs-backend-cpu').`,
      );
    }
    const cpuInputs: NamedTensorInfoMap = {};
    for (const [name, info] of Object.entries(inputs)) {
      if (!info) continue;
      const values = target.readSync(info.dataId);
      cpuInputs[name] = {
        dataId: cpu.write(values, info.shape, info.dtype),
        shape: info.shape,
        dtype: info.dtype,
      };
    }
    try {
      const out = cpuKernel.kernelFunc({ inputs: cpuInputs, attrs, backend: cpu });
      const outs = Array.isArray(out) ? out : [out];
      const results = outs.map((o: TensorInfo) => {
        const values = cpu.readSync(o.dataId);
        cpu.disposeData(o.dataId);
        return { dataId: target.write(values, o.shape, o.dtype), shape: o.shape, dtype: o.dtype };
      });
      return Array.isArray(out) ? results : (results[0] as TensorInfo);
    } finally {
      for (const info of Object.values(cpuInputs)) if (info) cpu.disposeData(info.dataId);
    }
  };
  return { kernelName, backendName, kernelFunc };
}
