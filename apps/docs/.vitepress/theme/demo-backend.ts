// The demos' backend: `selectBackend` of @tessera/backends in the reader's browser, with the wasm
// files' URLs from the bundle (the documented Vite recipe). `?backend=wasm` (or webgl, webgpu, cpu)
// in the page's URL forces one, as the picker does; the end-to-end tests use it.
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { BackendChoice } from '@tessera/backends';

export const wasmPaths = {
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
};

export const BACKEND_CHOICES = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendRequest = (typeof BACKEND_CHOICES)[number];

/** The backend named in the page URL (`?backend=…`), or `'auto'`. */
export function requestedBackend(): BackendRequest {
  const name = new URLSearchParams(globalThis.location?.search ?? '').get('backend');
  return (BACKEND_CHOICES as readonly string[]).includes(name ?? '')
    ? (name as BackendRequest)
    : 'auto';
}

/** A number from the page URL (`?steps=30`), or the default. */
export function urlNumber(name: string, fallback: number): number {
  const value = Number(new URLSearchParams(globalThis.location?.search ?? '').get(name));
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** Starts `request` (`'auto'`: the best one) and returns what `selectBackend` chose and why. */
export async function startBackend(request: BackendRequest): Promise<BackendChoice> {
  const { selectBackend } = await import('@tessera/backends');
  return selectBackend(request === 'auto' ? { wasmPaths } : { force: request, wasmPaths });
}
