import { createHash } from 'node:crypto';
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { engine, env, type KernelBackend } from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@tessera/core';

/** What {@link enableNodeWasmThreads} did. @internal */
export type NodeWasmThreads =
  { enabled: true; threads: number } | { enabled: false; reason: string };

/** XNNPACK's pool of pre-started workers in tfjs-backend-wasm 4.x (`PTHREAD_POOL_SIZE`). */
const POOL_SIZE = 8;
const WRAPPED = Symbol.for('tessera.nodeWasmThreads');

/**
 * The worker's line that imports the main script: a string path, or else a Blob through an object
 * URL — which Node cannot read back synchronously, so it is replaced by the file's real path.
 */
const IMPORT_MAIN =
  'if(typeof e.data.urlOrBlob=="string"){importScripts(e.data.urlOrBlob)}else{var objectUrl=URL.createObjectURL(e.data.urlOrBlob);importScripts(objectUrl);URL.revokeObjectURL(objectUrl)}';

/**
 * Makes the next initialisation of the `wasm` backend in Node use its threaded SIMD build with
 * `threads` XNNPACK threads (tfjs#3830: tfjs turns threads off in Node because Emscripten's
 * pthread workers are created from `blob:` URLs, which `worker_threads` rejects).
 *
 * Three things stand between the shipped package and threads in Node, and each is undone after
 * initialisation: the pthread worker script is written to a temporary file (named by its hash)
 * and `URL.createObjectURL` returns that path while the backend starts; the worker imports the
 * package's own `tfjs-backend-wasm-threaded-simd.js` by path instead of through a Blob; and
 * `os.cpus()` reports `2 × threads` entries while the module is instantiated, because the
 * backend caps threads at half the logical cores (it assumes two hyper-threads per core).
 *
 * Must run before the backend is first initialised; does nothing for `threads <= 1`.
 * @internal
 */
export function enableNodeWasmThreads(threads: number): NodeWasmThreads {
  const count = Math.min(Math.floor(threads), POOL_SIZE);
  if (!(count > 1)) return { enabled: false, reason: 'one thread requested' };
  const tfEngine = engine();
  if (tfEngine.registry.wasm) return { enabled: false, reason: 'wasm was already initialised' };
  const entry = tfEngine.registryFactory.wasm as
    | {
        factory: (() => Promise<KernelBackend> | KernelBackend) & { [WRAPPED]?: number };
        priority: number;
      }
    | undefined;
  if (!entry) return { enabled: false, reason: 'the wasm backend is not registered' };
  if (typeof SharedArrayBuffer === 'undefined')
    return { enabled: false, reason: 'SharedArrayBuffer is not available' };

  let workerPath: string;
  let setThreadsCount: (n: number) => void;
  try {
    const here = typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url);
    const require = createRequire(here);
    const main = require.resolve('@tensorflow/tfjs-backend-wasm');
    const wasmOut = join(dirname(main), '..', 'wasm-out');
    const mainScript = join(wasmOut, 'tfjs-backend-wasm-threaded-simd.js');
    const { wasmWorkerContents } = require(
      join(wasmOut, 'tfjs-backend-wasm-threaded-simd.worker.js'),
    ) as { wasmWorkerContents?: string };
    if (typeof wasmWorkerContents !== 'string' || !wasmWorkerContents.includes(IMPORT_MAIN))
      return {
        enabled: false,
        reason: 'this tfjs-backend-wasm release ships a worker script Tessera does not know',
      };
    if (!existsSync(mainScript)) return { enabled: false, reason: `${mainScript} is missing` };
    // As tfjs does before making its Blob: the script is one line with escaped newlines.
    const script = wasmWorkerContents
      .replace(/\n/g, '\\n')
      .replace(IMPORT_MAIN, `importScripts(${JSON.stringify(mainScript)});`);
    const hash = createHash('sha256').update(script).digest('hex').slice(0, 16);
    workerPath = join(os.tmpdir(), `tessera-wasm-pthread-${hash}.cjs`);
    if (!existsSync(workerPath)) {
      const tmp = `${workerPath}.${process.pid}.tmp`;
      writeFileSync(tmp, script);
      renameSync(tmp, workerPath);
    }
    ({ setThreadsCount } = require('@tensorflow/tfjs-backend-wasm') as {
      setThreadsCount: (n: number) => void;
    });
  } catch (e) {
    return { enabled: false, reason: `could not prepare the pthread worker: ${String(e)}` };
  }

  if (entry.factory[WRAPPED] === undefined) {
    const original = entry.factory;
    const wrapped = Object.assign(
      async () => {
        const createObjectURL = URL.createObjectURL;
        const cpus = os.cpus;
        URL.createObjectURL = (blob: Blob) =>
          blob?.type === 'application/javascript' ? workerPath : createObjectURL(blob);
        const n = wrapped[WRAPPED] ?? count;
        os.cpus = () => {
          const list = cpus();
          return Array.from({ length: 2 * n }, (_, i) => list[i % list.length] as os.CpuInfo);
        };
        try {
          const backend = await original();
          unrefWorkers(backend);
          return backend;
        } finally {
          URL.createObjectURL = createObjectURL;
          os.cpus = cpus;
        }
      },
      { [WRAPPED]: count },
    );
    tfEngine.registryFactory.wasm = { factory: wrapped, priority: entry.priority };
  } else {
    entry.factory[WRAPPED] = count;
  }
  env().set('WASM_HAS_MULTITHREAD_SUPPORT', true);
  setThreadsCount(count);
  return { enabled: true, threads: count };
}

/** The default thread count in Node: `TESSERA_WASM_THREADS`, else the available cores. @internal */
export function defaultNodeWasmThreads(requested?: number | 'auto'): number {
  if (requested !== undefined && requested !== 'auto') {
    assertThreads(requested, 'wasmThreads');
    return requested;
  }
  const fromEnv = process.env.TESSERA_WASM_THREADS?.trim();
  if (fromEnv) {
    const n = Number(fromEnv);
    assertThreads(n, 'TESSERA_WASM_THREADS', fromEnv);
    return n;
  }
  return typeof os.availableParallelism === 'function'
    ? os.availableParallelism()
    : os.cpus().length;
}

function assertThreads(n: number, argument: string, raw: unknown = n): void {
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError({
      functionName: 'selectBackend',
      argument,
      detail: `${argument} must be a whole number of threads ≥ 1 (or 'auto'), got ${JSON.stringify(raw)}.`,
    });
}

interface PThreadWorkers {
  PThread?: {
    runningWorkers?: Array<{ unref?: () => void }>;
    unusedWorkers?: Array<{ unref?: () => void }>;
  };
}

/**
 * Lets the process exit while XNNPACK's pool threads wait for work: Emscripten keeps a running
 * pthread's worker referenced, and pthreadpool's threads never return. Work is never lost by
 * this — the main thread blocks until the pool finishes each operation.
 */
function unrefWorkers(backend: KernelBackend): void {
  const { PThread } = (backend as unknown as { wasm?: PThreadWorkers }).wasm ?? {};
  for (const worker of [...(PThread?.runningWorkers ?? []), ...(PThread?.unusedWorkers ?? [])])
    worker.unref?.();
}
