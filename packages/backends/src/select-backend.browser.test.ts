import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { describe, expect, it } from 'vitest';
import {
  BROWSER_BACKEND_ORDER,
  describeBackend,
  registerWasmTrainingKernels,
  selectBackend,
} from './index.browser';

// The documented Vite recipe: hand the wasm backend the URLs of its three files.
const wasmPaths = {
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
};

describe('selectBackend in a browser (headless Chromium)', () => {
  it('considers webgpu → webgl → wasm → cpu and says why for each', async () => {
    expect(BROWSER_BACKEND_ORDER).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
    const choice = await selectBackend({ wasmPaths });
    expect(tf.getBackend()).toBe(choice.name);
    expect(choice.reasons.map((r) => r.backend).sort()).toEqual(['cpu', 'wasm', 'webgl', 'webgpu']);
    expect(choice.reasons.filter((r) => r.used)).toHaveLength(1);
    for (const r of choice.reasons) expect(r.reason.length).toBeGreaterThan(10);
    // Here both GPUs are SwiftShader (software), so wasm must win and the others say why.
    const webgl = choice.reasons.find((r) => r.backend === 'webgl')!;
    if (/software/.test(webgl.reason)) {
      expect(choice.name).toBe('wasm');
      expect(webgl.reason).toMatch(/SwiftShader.*software.*ranked below wasm/i);
    }
    console.log(
      choice.reasons.map((r) => `${r.used ? '✔' : '✘'} ${r.backend}: ${r.reason}`).join('\n'),
    );
  });

  it('force: webgl starts WebGL and passes the self-check', async () => {
    const choice = await selectBackend({ force: 'webgl' });
    expect(choice.name).toBe('webgl');
    expect(choice.reasons[0]!.reason).toMatch(/passed the self-check/);
  });

  it('force: webgpu starts the (software) WebGPU adapter and passes the self-check', async () => {
    const choice = await selectBackend({ force: 'webgpu' });
    expect(choice.name).toBe('webgpu');
    expect(choice.adapter).toBeDefined();
    expect(choice.reasons[0]!.reason).toMatch(/passed the self-check/);
  });

  it('the wasm training kernels work in the page: conv2d filter gradient (native) matches cpu', async () => {
    registerWasmTrainingKernels();
    const choice = await selectBackend({ force: 'wasm', wasmPaths });
    // the native kernels started in the page (one thread: not cross-origin isolated), on their
    // relaxed-SIMD build (Chromium has relaxed SIMD from 114)
    expect(choice.reasons[0]!.reason).toMatch(
      /native kernels \(convolution, filter gradient, batch norm, max-pool, ReLU and pooling gradients\) on 1 thread, relaxed SIMD: fused multiply-adds;/,
    );
    const grad = async () => {
      const g = tf.tidy(() => {
        const x = tf.reshape(tf.linspace(-1, 1, 2 * 7 * 7 * 3), [2, 7, 7, 3]) as tf.Tensor4D;
        const w = tf.reshape(tf.linspace(1, -1, 3 * 3 * 3 * 4), [3, 3, 3, 4]) as tf.Tensor4D;
        return tf.grad((wi: tf.Tensor) =>
          tf.sum(tf.square(tf.conv2d(x, wi as tf.Tensor4D, 2, 'same'))),
        )(w);
      });
      const v = Array.from(await g.data());
      g.dispose();
      return v;
    };
    const onWasm = await grad();
    await tf.setBackend('cpu');
    const onCpu = await grad();
    const scale = Math.max(...onCpu.map(Math.abs));
    const err = Math.max(...onCpu.map((v, i) => Math.abs(v - onWasm[i]!)));
    expect(err / scale).toBeLessThanOrEqual(1e-5);
    await tf.setBackend('wasm');
    const d = await describeBackend();
    expect(d.name).toBe('wasm');
    expect(d.trainingKernels).toContain('Conv2DBackpropFilter');
    expect(d.versions.browser).toMatch(/Chrome/);
  });
});
