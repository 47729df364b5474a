import type { KernelBackend } from '@tensorflow/tfjs-core';
import {
  NATIVE_WASM_PLAIN,
  NATIVE_WASM_PLAIN_RELAXED,
  NATIVE_WASM_SHARED,
  NATIVE_WASM_SHARED_RELAXED,
} from './kernels-wasm';
import { PartPool, type SpawnWorker } from './part-pool';
import { spawnBrowserWorker } from './spawn-browser-worker';
import type { PartKernel } from './control-block';
import { HELPERS, NAMES } from './native-exports';
import { useRelaxedSimd } from './relaxed-simd';

export { KERNEL, NATIVE_EXPORTS } from './native-exports';

/** The parts of tfjs-backend-wasm's `BackendWasm` (and its Emscripten module) used here. @internal */
export interface WasmModuleBackend {
  wasm: {
    wasmMemory?: WebAssembly.Memory; // threaded build
    asm?: { memory?: WebAssembly.Memory }; // single-threaded builds
    tfjs?: { getThreadsCount?: () => number };
    _malloc(bytes: number): number;
    _free(pointer: number): void;
  };
  dataIdMap: { get(dataId: object): { memoryOffset: number } | undefined };
}

/** Tessera's native kernels, instantiated on one wasm backend's memory. @internal */
export interface NativeKernels {
  readonly memory: WebAssembly.Memory;
  /** The build running: with relaxed SIMD (fused multiply-adds) or SIMD128 alone. */
  readonly instructions: Instructions;
  readonly pool: PartPool;
  /** `dst[k] += src[k]` for `k < count` (pointers into the memory). */
  readonly addInto: (dst: number, src: number, count: number) => void;
  /** Packs a `[KH, KW, Ci, Co]` filter and an optional bias (0: none) for `conv_part` (native/conv2d.c). */
  readonly convPack: (
    w: number,
    bias: number,
    packed: number,
    kh: number,
    kw: number,
    ci: number,
    co: number,
  ) => void;
  /** Packs a `[3, 3, C, O]` filter (Winograd-transformed) and an optional bias for `winograd_part`. */
  readonly winogradPack: (w: number, bias: number, packed: number, c: number, o: number) => void;
  /** Packs a `[3, 3, C, O]` filter (F(4×4, 3×3)-transformed) and an optional bias for `winograd4_part`. */
  readonly winograd4Pack: (w: number, bias: number, packed: number, c: number, o: number) => void;
  /** `dw = Aᵀ M A` for the Winograd filter gradient (native/winograd-filter-grad.c). */
  readonly winogradFilterGradFinish: (m: number, dw: number, c: number, o: number) => void;
  /** `dw = Gᵀ M G` for the F(3×3, 4×4) filter gradient (native/winograd4-filter-grad.c). */
  readonly winograd4FilterGradFinish: (m: number, dw: number, c: number, o: number) => void;
  /** Packs the rows of `u` (`[m, k]`) as panels of 8 for `gram_part` (native/gram.c). */
  readonly gramPack: (u: number, packed: number, m: number, k: number) => void;
  /** Packs the columns of `u` (`[n, d]`) as panels of 8 for `scaled_symmetric_matmul_part`. */
  readonly ssmmPack: (u: number, packed: number, n: number, d: number) => void;
  readonly malloc: (bytes: number) => number;
  readonly free: (pointer: number) => void;
}

/** The instruction sets the kernels are built for: relaxed SIMD adds fused multiply-adds. @internal */
export type Instructions = 'relaxed-simd' | 'simd128';
type Build = `${'shared' | 'plain'}-${Instructions}`;
const BASE64: Record<Build, string> = {
  'shared-simd128': NATIVE_WASM_SHARED,
  'plain-simd128': NATIVE_WASM_PLAIN,
  'shared-relaxed-simd': NATIVE_WASM_SHARED_RELAXED,
  'plain-relaxed-simd': NATIVE_WASM_PLAIN_RELAXED,
};
const compiled: Partial<Record<Build, Promise<WebAssembly.Module>>> = {};
const modules: Partial<Record<Build, WebAssembly.Module>> = {};
const byMemory = new WeakMap<WebAssembly.Memory, NativeKernels>();
const instantiating = new WeakMap<WebAssembly.Memory, Promise<NativeKernels>>();
let spawnWorker: SpawnWorker | null =
  typeof Worker === 'function' && typeof Blob === 'function' ? spawnBrowserWorker : null;
let disabled = false;

/**
 * How the native kernels start their workers: a browser `Worker` by default where there is one;
 * the Node candidate passes `worker_threads`. They use as many threads as tfjs-backend-wasm's
 * XNNPACK (this one included). Applies to backends first seen after the call. @internal
 */
export function setNativeWorkerSpawner(spawn: SpawnWorker | null): void {
  spawnWorker = spawn;
}

/** Turns the native kernels off (`false`) or back on; for comparisons and tests. @internal */
export function setNativeKernelsEnabled(enabled: boolean): void {
  disabled = !enabled;
}

/**
 * Starts compiling the shared- and plain-memory builds for this engine's instructions
 * (asynchronously: browsers refuse large synchronous compiles); resolves to those instructions.
 * @internal
 */
export function compileNativeKernels(): Promise<Instructions> {
  const instructions = engineInstructions();
  const one = (memory: 'shared' | 'plain') => {
    const build: Build = `${memory}-${instructions}`;
    return (compiled[build] ??= WebAssembly.compile(decodeBase64(BASE64[build])).then((m) => {
      modules[build] = m;
      return m;
    }));
  };
  return Promise.all([one('shared'), one('plain')]).then(() => instructions);
}

function engineInstructions(): Instructions {
  return useRelaxedSimd() ? 'relaxed-simd' : 'simd128';
}

function buildFor(found: FoundMemory, instructions = engineInstructions()): Build {
  return `${found.shared ? 'shared' : 'plain'}-${instructions}`;
}

/**
 * The native kernels on `backend`'s memory, instantiated on first use (and their workers started,
 * which join later jobs once running); `null` when they cannot run there yet or at all (not
 * compiled yet, a browser's main thread refusing a synchronous instantiation, no memory found, or
 * turned off) — callers then use their XNNPACK formulation, and the kernels are made ready in the
 * background for the next call.
 * @internal
 */
export function nativeKernels(backend: KernelBackend): NativeKernels | null {
  if (disabled) return null;
  const found = findMemory(backend);
  if (!found) return null;
  const known = byMemory.get(found.memory);
  if (known) return known;
  const build = buildFor(found);
  const module = modules[build];
  if (module) {
    try {
      const instance = new WebAssembly.Instance(module, { env: { memory: found.memory } });
      return start(found, build, module, instance);
    } catch {
      // browsers refuse synchronous instantiation of modules over 4 KB on the main thread
    }
  }
  void prepareNativeKernels(backend).catch(() => undefined);
  return null;
}

/**
 * Compiles and instantiates the native kernels for `backend` and waits for their workers, so the
 * first training step already runs on every thread. Returns what happened, for reports.
 * @internal
 */
export async function prepareNativeKernels(backend: KernelBackend): Promise<NativeStart> {
  if (disabled) return { ok: false, reason: 'turned off' };
  const found = findMemory(backend);
  if (!found) return { ok: false, reason: 'no wasm memory found' };
  let kernels = byMemory.get(found.memory);
  if (!kernels) {
    let starting = instantiating.get(found.memory);
    if (!starting) {
      // the build compiled is the one instantiated, whatever the engine check says meanwhile
      starting = compileNativeKernels().then(async (instructions) => {
        const build = buildFor(found, instructions);
        const module = modules[build] as WebAssembly.Module;
        const instance = await WebAssembly.instantiate(module, { env: { memory: found.memory } });
        return byMemory.get(found.memory) ?? start(found, build, module, instance);
      });
      instantiating.set(found.memory, starting);
    }
    try {
      kernels = await starting;
    } catch (e) {
      return { ok: false, reason: `could not start: ${String(e)}` };
    }
  }
  const { failures } = await kernels.pool.started;
  return { ok: true, threads: kernels.pool.threads, failures, instructions: kernels.instructions };
}

interface FoundMemory {
  wasm: WasmModuleBackend['wasm'];
  memory: WebAssembly.Memory;
  shared: boolean;
}

function findMemory(backend: KernelBackend): FoundMemory | null {
  const wasm = (backend as unknown as Partial<WasmModuleBackend>).wasm;
  const memory = wasm?.wasmMemory ?? wasm?.asm?.memory;
  if (!wasm || !memory) return null;
  const shared =
    typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
  return { wasm, memory, shared };
}

function start(
  { wasm, memory, shared }: FoundMemory,
  build: Build,
  module: WebAssembly.Module,
  instance: WebAssembly.Instance,
): NativeKernels {
  const { exports } = instance;
  const local = NAMES.map((n) => exports[n] as PartKernel);
  const threads = shared ? (wasm.tfjs?.getThreadsCount?.() ?? 1) : 1;
  const kernels: NativeKernels = {
    memory,
    instructions: build.endsWith('relaxed-simd') ? 'relaxed-simd' : 'simd128',
    pool: new PartPool({ module, memory, names: NAMES, local }, threads, spawnWorker),
    ...(Object.fromEntries(
      Object.entries(HELPERS).map(([field, name]) => [field, exports[name]]),
    ) as Pick<NativeKernels, keyof typeof HELPERS>),
    // an i32 from wasm: addresses past 2 GiB come back negative
    malloc: (bytes) => wasm._malloc(bytes) >>> 0,
    free: (pointer) => wasm._free(pointer),
  };
  byMemory.set(memory, kernels);
  return kernels;
}

/** What {@link prepareNativeKernels} did: threads running, or why none. @internal */
export type NativeStart =
  | { ok: true; threads: number; failures: string[]; instructions: Instructions }
  | { ok: false; reason: string };

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
