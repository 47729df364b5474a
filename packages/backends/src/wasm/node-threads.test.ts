// The wasm kernel and training tests again, on the threaded SIMD build with two XNNPACK threads
// (what selectBackend starts in Node), plus what enableNodeWasmThreads itself promises.
import '@tensorflow/tfjs-backend-wasm';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@tessera/core';
import { afterEach, describe, expect, it } from 'vitest';
import { setNativeWorkerSpawner } from './native/native-kernels';
import { spawnNodeWorker } from './native/spawn-node-worker';
import { defaultNodeWasmThreads, enableNodeWasmThreads } from './node-threads';
import { importWasmTestSuites } from './wasm-test-suites';

const enabled = enableNodeWasmThreads(2);
setNativeWorkerSpawner(spawnNodeWorker); // as the Node wasm candidate does

describe('enableNodeWasmThreads', () => {
  const saved = process.env.TESSERA_WASM_THREADS;
  afterEach(() => {
    if (saved === undefined) delete process.env.TESSERA_WASM_THREADS;
    else process.env.TESSERA_WASM_THREADS = saved;
  });

  it('starts the threaded build with two XNNPACK threads, and a matmul matches cpu', async () => {
    expect(enabled).toEqual({ enabled: true, threads: 2 });
    await tf.setBackend('wasm');
    expect(getThreadsCount()).toBe(2);
    const a = tf.tensor2d(
      Float32Array.from({ length: 64 * 48 }, (_, i) => Math.sin(i)),
      [64, 48],
    );
    const b = tf.tensor2d(
      Float32Array.from({ length: 48 * 32 }, (_, i) => Math.cos(i)),
      [48, 32],
    );
    const wasm = await tf.matMul(a, b).data();
    await tf.setBackend('cpu');
    const cpu = await tf.matMul(a, b).data();
    for (let i = 0; i < cpu.length; i++) expect(wasm[i]).toBeCloseTo(cpu[i]!, 4);
    await tf.setBackend('wasm');
    tf.dispose([a, b]);
  });

  it('does nothing once wasm is initialised, and for one thread', async () => {
    await tf.setBackend('wasm');
    expect(enableNodeWasmThreads(4)).toEqual({
      enabled: false,
      reason: 'wasm was already initialised',
    });
    expect(enableNodeWasmThreads(1)).toEqual({ enabled: false, reason: 'one thread requested' });
  });

  it('reads the thread count from the option, then TESSERA_WASM_THREADS, then the cores', () => {
    process.env.TESSERA_WASM_THREADS = '3';
    expect(defaultNodeWasmThreads()).toBe(3);
    expect(defaultNodeWasmThreads(5)).toBe(5);
    delete process.env.TESSERA_WASM_THREADS;
    expect(defaultNodeWasmThreads('auto')).toBeGreaterThanOrEqual(1);
    process.env.TESSERA_WASM_THREADS = 'many';
    expect(() => defaultNodeWasmThreads()).toThrow(InvalidArgumentError);
    expect(() => defaultNodeWasmThreads()).toThrow(/TESSERA_WASM_THREADS must be a whole number/);
    expect(() => defaultNodeWasmThreads(0)).toThrow(/wasmThreads/);
  });
});

// Every kernel-vs-cpu case and the training tests, now on two threads (the native kernel's on
// this thread and a worker).
await importWasmTestSuites();
