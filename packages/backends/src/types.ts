/** The TF.js backends Tessera knows how to start. `tensorflow` is native TensorFlow via `@tensorflow/tfjs-node`. */
export type BackendName = 'tensorflow' | 'webgpu' | 'webgl' | 'wasm' | 'cpu';

/** Every {@link BackendName}. */
export const BACKEND_NAMES: readonly BackendName[] = Object.freeze([
  'tensorflow',
  'webgpu',
  'webgl',
  'wasm',
  'cpu',
]);

/** Why a candidate backend was or was not used. */
export interface BackendReason {
  readonly backend: BackendName;
  readonly used: boolean;
  readonly reason: string;
}

/** The GPU adapter behind `webgpu` (from `GPUAdapterInfo`). */
export interface AdapterSummary {
  readonly vendor: string;
  readonly architecture: string;
  readonly device: string;
  readonly description: string;
  /** A software rasteriser (SwiftShader, a fallback adapter): correct but slower than `wasm`. */
  readonly software: boolean;
}

/** What {@link selectBackend} chose, and why, for every candidate. */
export interface BackendChoice {
  /** The active backend (`tf.getBackend()` now returns it). */
  readonly name: BackendName;
  /** The WebGPU adapter, when `name` is `'webgpu'`. */
  readonly adapter?: AdapterSummary;
  /** One entry per candidate, in the order they were considered. */
  readonly reasons: readonly BackendReason[];
}

/** Options of {@link selectBackend}. */
export interface SelectBackendOptions {
  /** Backends to try first, in this order; the rest of the platform order follows. */
  prefer?: readonly BackendName[];
  /** Only these backends are considered. Default: all of the platform's. */
  allow?: readonly BackendName[];
  /** Backends never considered. */
  exclude?: readonly BackendName[];
  /**
   * Use a software WebGPU adapter (SwiftShader, a fallback adapter) in WebGPU's normal place.
   * Default `false`: a software adapter ranks below `wasm`, since it is slower than it.
   */
  allowSoftware?: boolean;
  /**
   * Force one backend; fail (with the reason) if it cannot start. In Node the `TESSERA_BACKEND`
   * environment variable sets this when the option is not given.
   */
  force?: BackendName;
  /**
   * Node only: XNNPACK threads for `wasm`. tfjs-backend-wasm turns threads off in Node (tfjs#3830);
   * Tessera starts its threaded SIMD build with this many threads (at most 8) when `wasm` is first
   * initialised. Default `'auto'`: `TESSERA_WASM_THREADS` if set, else one per available core.
   * `1` keeps the single-threaded build. In browsers tfjs decides (threads need cross-origin
   * isolation).
   */
  wasmThreads?: number | 'auto';
  /** Run the self-check (a matmul and a conv2d gradient compared with `cpu`). Default `true`. */
  selfCheck?: boolean;
  /**
   * Where the `wasm` backend fetches its `.wasm` files (`setWasmPaths`): a URL prefix or a map of
   * file name to URL. Not needed in Node; needed in most browser bundles (see the README).
   */
  wasmPaths?:
    | string
    | Partial<
        Record<
          | 'tfjs-backend-wasm.wasm'
          | 'tfjs-backend-wasm-simd.wasm'
          | 'tfjs-backend-wasm-threaded-simd.wasm',
          string
        >
      >;
}
