import { engine, registerBackend, removeBackend } from '@tensorflow/tfjs-core';
import { loadFailure } from '../select/load-failure';

let registeredFor: GPUAdapter | null = null;

/**
 * Registers TF.js's `webgpu` backend on a given adapter (the one Tessera probed and judged), with
 * the same device features and limits as tfjs's own factory. `@tensorflow/tfjs-backend-webgpu` must
 * be importable; importing it also registers its kernels.
 * @internal
 */
export async function registerWebGpuBackend(adapter: GPUAdapter): Promise<void> {
  if (registeredFor === adapter) return;
  const { WebGPUBackend } = await import('@tensorflow/tfjs-backend-webgpu').catch((e: unknown) => {
    throw new Error(loadFailure('@tensorflow/tfjs-backend-webgpu', e));
  });
  const registry = (engine() as unknown as { registry: Record<string, unknown> }).registry;
  if (registry.webgpu !== undefined) return; // already initialised and perhaps in use: keep it
  removeBackend('webgpu');
  registerBackend(
    'webgpu',
    async () => {
      const requiredFeatures: GPUFeatureName[] = [];
      if (adapter.features.has('timestamp-query')) requiredFeatures.push('timestamp-query');
      const l = adapter.limits;
      const device = await adapter.requestDevice({
        requiredFeatures,
        requiredLimits: {
          maxComputeWorkgroupStorageSize: l.maxComputeWorkgroupStorageSize,
          maxComputeWorkgroupsPerDimension: l.maxComputeWorkgroupsPerDimension,
          maxStorageBufferBindingSize: l.maxStorageBufferBindingSize,
          maxBufferSize: l.maxBufferSize,
          maxComputeWorkgroupSizeX: l.maxComputeWorkgroupSizeX,
          maxComputeInvocationsPerWorkgroup: l.maxComputeInvocationsPerWorkgroup,
        },
      });
      const info = (adapter as GPUAdapter & { info?: GPUAdapterInfo }).info;
      return new WebGPUBackend(device, info as never);
    },
    3,
  );
  registeredFor = adapter;
}
