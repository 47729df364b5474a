// Whether this engine runs relaxed SIMD, which the native kernels use for fused multiply-adds
// (native/madd.h). Chrome and Edge ≥ 114, Node ≥ 22 and Deno have it on; Firefox and Safari do not
// yet; Node 20's V8 has it behind `--experimental-wasm-relaxed-simd`.

/**
 * The smallest module that needs relaxed SIMD: one function `(v128, v128, v128) → v128` whose
 * body is `f32x4.relaxed_madd` of its three parameters.
 */
const PROBE = new Uint8Array([
  ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], // magic, version 1
  ...[0x01, 0x08, 0x01, 0x60, 0x03, 0x7b, 0x7b, 0x7b, 0x01, 0x7b], // types: (v128 ×3) → v128
  ...[0x03, 0x02, 0x01, 0x00], // functions: one, of type 0
  ...[0x0a, 0x0d, 0x01, 0x0b, 0x00], // code: one body of 11 bytes, no locals
  ...[0x20, 0x00, 0x20, 0x01, 0x20, 0x02], // local.get 0, 1, 2
  ...[0xfd, 0x85, 0x02, 0x0b], // f32x4.relaxed_madd (0xfd 0x105), end
]);

// off through setRelaxedSimdAllowed: Node's wasm candidate does so for TESSERA_RELAXED_SIMD=0 (this
// file is in the browser entry too, which reads no environment)
let allowed = true;

/**
 * Whether the native kernels take their relaxed-SIMD build: the engine validates relaxed SIMD and
 * {@link setRelaxedSimdAllowed} has not turned it off (in Node, `TESSERA_RELAXED_SIMD=0` does). Checked each time (validating 37 bytes is
 * cheap), so a V8 flag set after start-up is seen. @internal
 */
export function useRelaxedSimd(): boolean {
  return allowed && typeof WebAssembly === 'object' && WebAssembly.validate(PROBE);
}

/**
 * Lets the native kernels use relaxed SIMD where the engine has it (`true`, the default), or keeps
 * them on SIMD128 alone; for comparisons and tests. Applies to backends first seen after the call.
 * @internal
 */
export function setRelaxedSimdAllowed(allow: boolean): void {
  allowed = allow;
}

/** Whether {@link setRelaxedSimdAllowed} turned relaxed SIMD off. @internal */
export function relaxedSimdTurnedOff(): boolean {
  return !allowed;
}
