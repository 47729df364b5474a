import { availableParallelism } from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@tessera/core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BackendUnavailableError,
  describeBackend,
  NODE_BACKEND_ORDER,
  selectBackend,
} from './index.node';

// These tests run in Node on a machine without libtensorflow: tfjs-node is installed (optional
// dependency, build denied) but cannot load, so the reasons must say so.
const saved = process.env.TESSERA_BACKEND;
afterEach(() => {
  if (saved === undefined) delete process.env.TESSERA_BACKEND;
  else process.env.TESSERA_BACKEND = saved;
});

describe('selectBackend (Node)', () => {
  it('considers tensorflow → webgpu → wasm → cpu', () => {
    expect(NODE_BACKEND_ORDER).toEqual(['tensorflow', 'webgpu', 'wasm', 'cpu']);
  });

  it('picks wasm here, with a reason for every candidate', async () => {
    delete process.env.TESSERA_BACKEND;
    const choice = await selectBackend();
    expect(choice.name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    const byName = Object.fromEntries(choice.reasons.map((r) => [r.backend, r]));
    expect(Object.keys(byName).sort()).toEqual(['cpu', 'tensorflow', 'wasm', 'webgpu']);
    expect(byName.tensorflow).toMatchObject({ used: false });
    expect(byName.tensorflow!.reason).toMatch(
      /^@tensorflow\/tfjs-node could not load: The Node\.js native addon module \(tfjs_binding\.node\) can not be found/,
    );
    // No GPU here: Dawn finds either no adapter, or (with Chromium installed) SwiftShader, which ranks below wasm.
    expect(byName.webgpu!.used).toBe(false);
    expect(byName.webgpu!.reason).toMatch(
      /Dawn found no Vulkan adapter|software adapter, ranked below wasm; not tried: 'wasm' was chosen first/,
    );
    expect(byName.wasm).toMatchObject({ used: true });
    expect(byName.wasm!.reason).toMatch(
      /training kernels added: Conv2DBackpropFilter.*passed the self-check/,
    );
    // One XNNPACK thread per core (at most 8) on the threaded build, which tfjs leaves off in Node.
    const cores = Math.min(availableParallelism(), 8);
    expect(byName.wasm!.reason).toContain(
      cores > 1 ? `; ${cores} threads (threaded SIMD build);` : '; one thread (',
    );
    expect((await describeBackend()).wasm?.threads).toBe(cores);
    expect(byName.cpu).toEqual({
      backend: 'cpu',
      used: false,
      reason: "not tried: 'wasm' was chosen first",
    });
  });

  it('TESSERA_BACKEND=cpu gives cpu, trying nothing else', async () => {
    process.env.TESSERA_BACKEND = 'cpu';
    const choice = await selectBackend();
    expect(choice.name).toBe('cpu');
    expect(choice.reasons).toHaveLength(1);
    expect(choice.reasons[0]).toMatchObject({ backend: 'cpu', used: true });
  });

  it('TESSERA_BACKEND=tensorflow fails clearly with tfjs-node’s error', async () => {
    process.env.TESSERA_BACKEND = 'tensorflow';
    const err = await selectBackend().catch((e: unknown) => e);
    expect(BackendUnavailableError.isInstance(err)).toBe(true);
    expect((err as Error).message).toMatch(
      /^selectBackend: TESSERA_BACKEND=tensorflow could not start\.\n {2}tensorflow: @tensorflow\/tfjs-node could not load: The Node\.js native addon module/,
    );
    expect((err as BackendUnavailableError).reasons).toEqual([
      expect.objectContaining({ backend: 'tensorflow', used: false }),
    ]);
  });

  it('throws: TESSERA_BACKEND names an unknown backend', async () => {
    process.env.TESSERA_BACKEND = 'tpu';
    const err = await selectBackend().catch((e: unknown) => e);
    expect(InvalidArgumentError.isInstance(err)).toBe(true);
    expect((err as Error).message).toBe(
      "selectBackend: TESSERA_BACKEND must be one of 'tensorflow', 'webgpu', 'wasm', 'cpu', got 'tpu'.",
    );
  });

  it('prefer puts a backend first; exclude and allow filter', async () => {
    delete process.env.TESSERA_BACKEND;
    const preferred = await selectBackend({ prefer: ['cpu'] });
    expect(preferred.name).toBe('cpu');
    expect(preferred.reasons.map((r) => r.backend)).toEqual([
      'cpu',
      'tensorflow',
      'webgpu',
      'wasm',
    ]);
    const excluded = await selectBackend({ exclude: ['tensorflow', 'webgpu', 'wasm'] });
    expect(excluded.name).toBe('cpu');
    const allowed = await selectBackend({ allow: ['cpu', 'wasm'], selfCheck: false });
    expect(allowed.name).toBe('wasm');
    expect(allowed.reasons[0]!.reason).toMatch(/self-check skipped/);
  });

  it('throws: unknown names in options, or nothing left to try', async () => {
    await expect(selectBackend({ prefer: ['webgl'] })).rejects.toThrow(
      /^selectBackend: prefer\[0\] must be one of 'tensorflow', 'webgpu', 'wasm', 'cpu', got 'webgl'\.$/,
    );
    await expect(selectBackend({ exclude: ['gpu' as never] })).rejects.toThrow(
      /selectBackend: exclude\[0\] must be one of/,
    );
    await expect(selectBackend({ allow: [] })).rejects.toThrow(
      /^selectBackend: allow and exclude leave no backend to try/,
    );
  });
});

describe('describeBackend (Node)', () => {
  it('describes wasm after selection: kernels, SIMD, threads, reasons, versions', async () => {
    delete process.env.TESSERA_BACKEND;
    await selectBackend({ allow: ['wasm'] });
    const d = await describeBackend();
    expect(d.name).toBe('wasm');
    expect(d.floatPrecision).toBe(32);
    expect(d.trainingKernels).toContain('Conv2DBackpropFilter');
    expect(typeof d.wasm?.simd).toBe('boolean');
    expect(d.wasm?.threads).toBeGreaterThanOrEqual(1);
    expect(d.reasons?.[0]).toMatchObject({ backend: 'wasm', used: true });
    expect(d.versions).toMatchObject({ 'tfjs-core': '4.22.0', node: process.versions.node });
  });
});
