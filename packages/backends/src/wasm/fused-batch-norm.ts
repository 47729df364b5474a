import type {
  FusedBatchNormAttrs,
  KernelBackend,
  KernelConfig,
  KernelFunc,
  TensorInfo,
} from '@tensorflow/tfjs-core';
import { batchNormNative } from './native/batch-norm-native';

/**
 * `FusedBatchNorm` for `wasm` by Tessera's native kernel (one SIMD pass, on every wasm thread):
 * the shipped kernel takes an integer remainder per element and operand, 135 ms on the
 * `[512, 28, 28, 64]` activations of a conv net's training step. The shipped kernel remains for
 * the cases the native one does not take and until it is ready.
 * @internal
 */
export function fusedBatchNormWasmConfig(shipped: KernelFunc): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const { x, mean, variance, offset, scale } = args.inputs as Record<
      string,
      TensorInfo | undefined
    >;
    const { varianceEpsilon } = args.attrs as unknown as FusedBatchNormAttrs;
    const params = {
      mean: mean as TensorInfo,
      variance: variance as TensorInfo,
      ...(offset ? { offset } : {}),
      ...(scale ? { scale } : {}),
    };
    const backend = args.backend as KernelBackend;
    return batchNormNative(backend, x as TensorInfo, params, varianceEpsilon) ?? shipped(args);
  };
  return { kernelName: 'FusedBatchNorm', backendName: 'wasm', kernelFunc };
}
