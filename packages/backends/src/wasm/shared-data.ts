import type { DataId, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';

interface RefCountedBackend {
  incRef(dataId: DataId): void;
}

/**
 * `Identity` (`tf.clone`, and every `tf.cast` to the dtype a tensor already has) without a copy:
 * the output shares the input's buffer and the backend's reference count keeps it alive until both
 * are disposed — what `cpu` and `webgl` do, and what `wasm`'s own `Reshape` does. The shipped
 * kernels copy: ≈ 140 ms a step in the small CNN's SimCLR step, where tfjs-layers and the gradients
 * of `relu` and batch norm clone or cast `[512, 28, 28, 64]` activations. Data on the wasm heap is
 * never written after its kernel returns, so sharing is safe. Strings, and casts that change the
 * dtype, go to the shipped kernel. @internal
 */
function sharedDataConfig(kernelName: 'Identity' | 'Cast') {
  return (shipped: KernelFunc): KernelConfig => ({
    kernelName,
    backendName: 'wasm',
    kernelFunc: (args) => {
      const x = args.inputs.x as TensorInfo;
      const dtype = kernelName === 'Cast' ? (args.attrs as { dtype: string }).dtype : x.dtype;
      if (x.dtype === 'string' || dtype !== x.dtype) return shipped(args);
      (args.backend as unknown as RefCountedBackend).incRef(x.dataId);
      return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
    },
  });
}

/** @internal */
export const identityWasmConfig = sharedDataConfig('Identity');
/** @internal */
export const castWasmConfig = sharedDataConfig('Cast');
