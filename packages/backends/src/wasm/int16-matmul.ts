import type {
  KernelBackend,
  KernelConfig,
  KernelFunc,
  NamedAttrMap,
  TensorInfo,
} from '@tensorflow/tfjs-core';
import { TESSERA_KERNELS } from '@tessera/core';
import type { HeapBackend } from './heap-backend';
import { type Int16MatMulArgs, int16MatMulNative } from './native/int16-matmul-native';

/**
 * `TesseraInt16MatMul` (see `TESSERA_KERNELS` in `@tessera/core`) for `wasm`: exact int16 dot
 * products of the rows of `a` and `b`, scaled per row and column — the cosine similarity of 8-bit
 * images in one kernel — by native/int16-matmul.c on every wasm thread (eight multiply-adds per
 * SIMD instruction against a float32 product's four); `transposeOutput` writes the `[N, M]`
 * transpose instead, from the same loops. A plain loop, with the same bits, until the native
 * kernels are ready.
 * @internal
 */
export function int16MatMulWasmConfig(): KernelConfig {
  const name = TESSERA_KERNELS.int16MatMul;
  const kernelFunc: KernelFunc = ({ inputs, backend, attrs }) => {
    const args = checked(name, inputs as Record<string, TensorInfo | undefined>, attrs);
    const heap = backend as unknown as HeapBackend;
    const shape = args.transposeOutput ? [args.n, args.m] : [args.m, args.n];
    const out = heap.makeOutput(shape, 'float32');
    if (args.m * args.n === 0 || int16MatMulNative(backend as KernelBackend, args, out)) return out;
    inJs(heap, args, heap.typedArrayFromHeap(out));
    return out;
  };
  return { kernelName: name, backendName: 'wasm', kernelFunc };
}

/** The operands and sizes, after checking dtypes and shapes against the contract. */
function checked(
  name: string,
  inputs: Record<string, TensorInfo | undefined>,
  attrs: NamedAttrMap | undefined,
): Int16MatMulArgs {
  const { a, b, aScale, bScale } = inputs;
  const want = { a: 'int32', b: 'int32', aScale: 'float32', bScale: 'float32' } as const;
  for (const [key, dtype] of Object.entries(want)) {
    const t = inputs[key];
    if (!t) throw new Error(`${name}: input ${key} is missing`);
    if (t.dtype !== dtype)
      throw new Error(`${name}: input ${key} must be ${dtype}, got ${t.dtype}`);
  }
  const [m, half] = a!.shape as number[];
  const [n, halfB] = b!.shape as number[];
  if (a!.shape.length !== 2 || b!.shape.length !== 2 || half !== halfB || half! % 4 !== 0)
    throw new Error(
      `${name}: a and b must be [M, K/2] and [N, K/2] with K a multiple of 8, got [${a!.shape}] and [${b!.shape}]`,
    );
  if (String(aScale!.shape) !== String([m]) || String(bScale!.shape) !== String([n]))
    throw new Error(
      `${name}: aScale and bScale must be [${m}] and [${n}], got [${aScale!.shape}] and [${bScale!.shape}]`,
    );
  const transposeOutput = attrs?.['transposeOutput'] ?? false;
  if (typeof transposeOutput !== 'boolean')
    throw new Error(`${name}: transposeOutput must be a boolean, got ${String(transposeOutput)}`);
  return {
    a: a!,
    b: b!,
    aScale: aScale!,
    bScale: bScale!,
    m: m!,
    n: n!,
    k: 2 * half!,
    transposeOutput,
  };
}

/** The same in JavaScript: exact integer sums, scaled in float32 as the native kernel does. */
function inJs(
  heap: HeapBackend,
  { a, b, aScale, bScale, m, n, k, transposeOutput }: Int16MatMulArgs,
  out: Float32Array,
) {
  const int16 = (t: TensorInfo) => {
    const words = heap.typedArrayFromHeap(t) as unknown as Int32Array;
    return new Int16Array(words.buffer, words.byteOffset, 2 * words.length);
  };
  const [x, y] = [int16(a), int16(b)];
  const [as, bs] = [heap.typedArrayFromHeap(aScale), heap.typedArrayFromHeap(bScale)];
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let dot = 0;
      for (let c = 0; c < k; c++) dot += x[i * k + c]! * y[j * k + c]!;
      out[transposeOutput ? j * m + i : i * n + j] =
        Math.fround(Math.fround(dot) * as[i]!) * bs[j]!;
    }
}
