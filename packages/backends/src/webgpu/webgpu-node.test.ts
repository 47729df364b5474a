import { existsSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@tessera/core';
import { expectTensorClose } from '@tessera/test-utils';
import { describe, expect, it } from 'vitest';
import { selectBackend } from '../index.node';
import { SWIFTSHADER_ICD_PATHS } from './install-node-webgpu';

// Needs Chromium's SwiftShader Vulkan driver and libvulkan1 (`npm run setup` installs both on
// Debian when browser tests exist). Without them the suite is skipped, and says why.
const icd = SWIFTSHADER_ICD_PATHS.find((p) => existsSync(p));
const vulkanLoader = [
  '/usr/lib/x86_64-linux-gnu/libvulkan.so.1',
  '/usr/lib/aarch64-linux-gnu/libvulkan.so.1',
].some((p) => existsSync(p));
const ready = icd !== undefined && vulkanLoader;

describe.skipIf(!ready)(
  `WebGPU in Node through Dawn + SwiftShader${ready ? '' : ' (skipped: no SwiftShader ICD or libvulkan1)'}`,
  () => {
    it('selectBackend({prefer: [webgpu], allowSoftware: true}) starts webgpu on the software adapter', async () => {
      const choice = await selectBackend({ prefer: ['webgpu'], allowSoftware: true });
      expect(choice.name).toBe('webgpu');
      expect(tf.getBackend()).toBe('webgpu');
      expect(choice.adapter).toMatchObject({ software: true, architecture: 'swiftshader' });
      expect(choice.reasons[0]).toMatchObject({ backend: 'webgpu', used: true });
      expect(choice.reasons[0]!.reason).toMatch(
        /WebGPU through Dawn on google swiftshader .*software.*passed the self-check/,
      );
    });

    it('a matmul and a conv2d gradient on webgpu match cpu', async () => {
      const rng = createRng(7);
      const vals = (n: number) => Array.from({ length: n }, () => rng.uniform(-1, 1));
      const a = vals(6 * 5);
      const b = vals(5 * 4);
      const x = vals(2 * 6 * 6 * 2);
      const w = vals(3 * 3 * 2 * 3);
      const run = async () => {
        const out = tf.tidy(() => {
          const mm = tf.matMul(tf.tensor2d(a, [6, 5]), tf.tensor2d(b, [5, 4]));
          const f = (xi: tf.Tensor, wi: tf.Tensor) =>
            tf.sum(tf.square(tf.conv2d(xi as tf.Tensor4D, wi as tf.Tensor4D, 1, 'same')));
          const [gx, gw] = tf.grads(f)([
            tf.tensor4d(x, [2, 6, 6, 2]),
            tf.tensor4d(w, [3, 3, 2, 3]),
          ]);
          return [mm, gx!, gw!];
        });
        const data = await Promise.all(out.map((t) => t.data()));
        tf.dispose(out);
        return data.map((d) => Array.from(d));
      };
      await tf.setBackend('webgpu');
      const gpu = await run();
      await tf.setBackend('cpu');
      const cpu = await run();
      for (let k = 0; k < 3; k++) expectTensorClose(gpu[k]!, cpu[k]!, { rtol: 1e-4, atol: 1e-4 });
    });

    it('without allowSoftware the software adapter ranks below wasm', async () => {
      const choice = await selectBackend();
      expect(choice.name).toBe('wasm');
      const webgpu = choice.reasons.find((r) => r.backend === 'webgpu');
      expect(webgpu?.reason).toMatch(
        /software adapter, ranked below wasm; not tried: 'wasm' was chosen first/,
      );
    });
  },
);
