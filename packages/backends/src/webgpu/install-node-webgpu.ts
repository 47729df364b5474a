import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadFailure } from '../select/load-failure';

/** Where Debian's (and most distributions') Chromium ships its SwiftShader Vulkan driver. */
export const SWIFTSHADER_ICD_PATHS: readonly string[] = [
  '/usr/lib/chromium/vk_swiftshader_icd.json',
  '/usr/lib/chromium-browser/vk_swiftshader_icd.json',
  '/opt/google/chrome/vk_swiftshader_icd.json',
];

/**
 * The device files through which Linux shows a GPU to programs: DRM render nodes, NVIDIA's
 * devices, WSL's GPU. Without any, no Vulkan driver can offer a hardware adapter, and
 * `installNodeWebGpu` asks SwiftShader first.
 * @category Backends
 */
export const GPU_DEVICE_PATHS: readonly string[] = ['/dev/dri', '/dev/nvidiactl', '/dev/dxg'];

/**
 * The order in which Dawn is asked for an adapter: the system's Vulkan drivers, then Chromium's
 * SwiftShader when it may be used (`swiftShaderIcd` set). On a Linux machine without a GPU device
 * SwiftShader goes first: the system's drivers could only offer a software adapter, and asking
 * them costs a Vulkan loader or Dawn warning on stderr (e.g. Dawn rejecting Mesa's lavapipe).
 * @internal
 */
export function adapterOrder({
  swiftShaderIcd,
  gpuDevice,
}: {
  swiftShaderIcd: string | undefined;
  gpuDevice: boolean;
}): Array<'system' | 'swiftshader'> {
  if (!swiftShaderIcd) return ['system'];
  return gpuDevice ? ['system', 'swiftshader'] : ['swiftshader', 'system'];
}

/** What {@link installNodeWebGpu} found. */
export interface NodeWebGpu {
  /** The adapter, or `null` when none could be had. */
  readonly adapter: GPUAdapter | null;
  /** Set when the adapter comes from Chromium's SwiftShader (a software Vulkan driver). */
  readonly swiftShaderIcd?: string;
  /** Why there is no adapter, when there is none. */
  readonly reason?: string;
}

type WebGpuModule = { create(flags: string[]): GPU; globals: Record<string, unknown> };

/**
 * Makes WebGPU available in Node through Dawn (the optional `webgpu` package): copies its globals
 * (`GPUBufferUsage` …) onto `globalThis`, puts a `GPU` at `navigator.gpu`, and requests an adapter.
 * When Vulkan offers none (no GPU driver) and `VK_ICD_FILENAMES` is unset, it retries once with
 * Chromium's SwiftShader driver, if installed — a software adapter, correct but slow; on a Linux
 * machine without a GPU device (no `/dev/dri`, `/dev/nvidiactl` or `/dev/dxg`) it asks
 * SwiftShader first.
 * Must run before `@tensorflow/tfjs-backend-webgpu` is imported (it looks for `navigator.gpu`).
 *
 * @param options - Options:
 * @param options.swiftShader - Allow the SwiftShader retry. Default `true`.
 * @category Backends
 */
export async function installNodeWebGpu({
  swiftShader = true,
}: { swiftShader?: boolean } = {}): Promise<NodeWebGpu> {
  ensureRuntimeDir();
  let webgpu: WebGpuModule;
  try {
    webgpu = (await import('webgpu')) as unknown as WebGpuModule;
  } catch (e) {
    return { adapter: null, reason: `WebGPU in Node needs Dawn: ${loadFailure('webgpu', e)}` };
  }
  for (const [key, value] of Object.entries(webgpu.globals)) {
    if (!(key in globalThis))
      Object.defineProperty(globalThis, key, { value, configurable: true, writable: true });
  }
  const request = async (): Promise<GPUAdapter | null> => {
    const gpu = webgpu.create([]);
    setNavigatorGpu(gpu);
    return gpu.requestAdapter({ powerPreference: 'high-performance' });
  };
  const icd = SWIFTSHADER_ICD_PATHS.find((p) => existsSync(p));
  const order = adapterOrder({
    swiftShaderIcd: swiftShader && process.env.VK_ICD_FILENAMES === undefined ? icd : undefined,
    gpuDevice: process.platform !== 'linux' || GPU_DEVICE_PATHS.some((p) => existsSync(p)),
  });
  for (const driver of order) {
    if (driver === 'system') {
      const adapter = await request();
      if (adapter) return { adapter };
      continue;
    }
    process.env.VK_ICD_FILENAMES = icd;
    const adapter = await request();
    if (adapter) return { adapter, swiftShaderIcd: icd! };
    delete process.env.VK_ICD_FILENAMES;
  }
  const hint = icd
    ? `SwiftShader at ${icd} gave none either`
    : 'install a GPU Vulkan driver, or Chromium and libvulkan1 for the SwiftShader software driver';
  return { adapter: null, reason: `Dawn found no Vulkan adapter (${hint})` };
}

function setNavigatorGpu(gpu: GPU): void {
  const g = globalThis as { navigator?: object };
  if (g.navigator === undefined) {
    Object.defineProperty(globalThis, 'navigator', {
      value: {},
      configurable: true,
      writable: true,
    });
  }
  Object.defineProperty(g.navigator as object, 'gpu', {
    value: gpu,
    configurable: true,
    writable: true,
  });
}

/**
 * Dawn's Vulkan loader prints `error: XDG_RUNTIME_DIR is invalid or not set` when the variable is
 * missing (headless servers, CI). Harmless but alarming: give it a private 0700 folder.
 */
function ensureRuntimeDir(): void {
  if (process.env.XDG_RUNTIME_DIR) return;
  const dir = join(tmpdir(), `tessera-runtime-${process.getuid?.() ?? 'user'}`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  process.env.XDG_RUNTIME_DIR = dir;
}
