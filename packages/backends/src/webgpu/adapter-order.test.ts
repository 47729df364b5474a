import { describe, expect, it } from 'vitest';
import { adapterOrder } from './install-node-webgpu';

describe('adapterOrder', () => {
  it('asks the system drivers first where a GPU device exists, SwiftShader first where none does', () => {
    const icd = '/usr/lib/chromium/vk_swiftshader_icd.json';
    expect(adapterOrder({ swiftShaderIcd: icd, gpuDevice: true })).toEqual([
      'system',
      'swiftshader',
    ]);
    expect(adapterOrder({ swiftShaderIcd: icd, gpuDevice: false })).toEqual([
      'swiftshader',
      'system',
    ]);
  });

  it('without SwiftShader (not installed, not allowed, or VK_ICD_FILENAMES set) only the system', () => {
    for (const gpuDevice of [true, false])
      expect(adapterOrder({ swiftShaderIcd: undefined, gpuDevice })).toEqual(['system']);
  });
});
