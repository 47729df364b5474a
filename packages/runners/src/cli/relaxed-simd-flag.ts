import { setFlagsFromString } from 'node:v8';

/**
 * Turns on WebAssembly relaxed SIMD in Node 20, whose V8 (11.3) has it complete but behind a flag
 * (Node 22 and later have it on), so the native kernels run their fused multiply-add build. Called
 * before any module is compiled; a no-op where the flag is not needed or `TESSERA_RELAXED_SIMD=0`
 * keeps the kernels on SIMD128.
 */
export function enableRelaxedSimd(): void {
  if (process.env.TESSERA_RELAXED_SIMD === '0') return;
  if (Number(process.versions.node.split('.')[0]) < 22)
    setFlagsFromString('--experimental-wasm-relaxed-simd');
}
