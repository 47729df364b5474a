import type { KernelBackend, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { TESSERA_KERNELS } from '@tessera/core';
import { checkFloat32, type TypedHeapBackend } from './heap-backend';
import {
  type SoftmaxRegressionArgs,
  softmaxRegressionNative,
  type SoftmaxRegressionSums,
} from './native/softmax-regression-native';

/**
 * `TesseraSoftmaxRegression` (see `TESSERA_KERNELS` in `@tessera/core`) for `wasm`: a multinomial
 * logistic regression's summed cross-entropy and its gradients in one pass over the rows, by
 * native/softmax-regression.c on every wasm thread — where the composed ops read `x` twice and
 * run the softmax as six kernels — or a float64 loop until the native kernels are ready.
 * @internal
 */
export function softmaxRegressionWasmConfig(): KernelConfig {
  const name = TESSERA_KERNELS.softmaxRegression;
  const kernelFunc: KernelFunc = ({ inputs, backend }) => {
    const heap = backend as unknown as TypedHeapBackend;
    const args = checked(name, inputs as Record<string, TensorInfo | undefined>, heap);
    const { d, c } = args;
    const [weights, bias] = [args.w, args.b].map((t) =>
      Float32Array.from(heap.typedArrayFromHeap(t)),
    ) as [Float32Array, Float32Array];
    const sums =
      softmaxRegressionNative(backend as KernelBackend, args, weights, bias) ??
      inJs(heap, args, weights, bias);
    const loss = heap.makeOutput([], 'float32');
    const dw = heap.makeOutput([d, c], 'float32');
    const db = heap.makeOutput([c], 'float32');
    heap.typedArrayFromHeap(loss).set([sums.loss]);
    heap.typedArrayFromHeap(dw).set(sums.dw);
    heap.typedArrayFromHeap(db).set(sums.db);
    return [loss, dw, db];
  };
  return { kernelName: name, backendName: 'wasm', kernelFunc };
}

/** The operands and sizes, after checking dtypes, shapes and labels against the contract. */
function checked(
  name: string,
  inputs: Record<string, TensorInfo | undefined>,
  heap: TypedHeapBackend,
): SoftmaxRegressionArgs {
  const { x, w, b, labels } = inputs;
  checkFloat32(name, { x, w, b });
  if (!labels) throw new Error(`${name}: input labels is missing`);
  if (labels.dtype !== 'int32')
    throw new Error(`${name}: input labels must be int32, got ${labels.dtype}`);
  const [n, d] = x!.shape as number[];
  const c = w!.shape[1]!;
  if (
    x!.shape.length !== 2 ||
    w!.shape.length !== 2 ||
    w!.shape[0] !== d ||
    String(b!.shape) !== String([c]) ||
    String(labels.shape) !== String([n]) ||
    c < 1
  )
    throw new Error(
      `${name}: x, w, b and labels must be [N, D], [D, C], [C] and [N] with C ≥ 1, got [${x!.shape}], [${w!.shape}], [${b!.shape}] and [${labels.shape}]`,
    );
  const y = heap.typedArrayFromHeap(labels);
  for (let i = 0; i < n!; i++)
    if (!(y[i]! >= 0 && y[i]! < c))
      throw new Error(`${name}: labels must lie in [0, ${c}), got ${y[i]} at row ${i}`);
  return { x: x!, w: w!, b: b!, labels, n: n!, d: d!, c };
}

/** The same sums in float64 JavaScript. */
function inJs(
  heap: TypedHeapBackend,
  { x, labels, n, d, c }: SoftmaxRegressionArgs,
  weights: Float32Array,
  bias: Float32Array,
): SoftmaxRegressionSums {
  const [xs, y] = [heap.typedArrayFromHeap(x), heap.typedArrayFromHeap(labels)];
  const sums: SoftmaxRegressionSums = {
    loss: 0,
    dw: new Float64Array(d * c),
    db: new Float64Array(c),
  };
  const z = new Float64Array(c);
  for (let i = 0; i < n; i++) {
    const row = i * d;
    for (let j = 0; j < c; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += xs[row + k]! * weights[k * c + j]!;
      z[j] = s + bias[j]!;
    }
    const m = Math.max(...z); // NaN when any logit is NaN
    let t = 0;
    for (let j = 0; j < c; j++) t += Math.exp(z[j]! - m);
    const label = y[i]!;
    sums.loss += m - z[label]! + Math.log(t);
    for (let j = 0; j < c; j++) {
      const r = Math.exp(z[j]! - m) / t - (j === label ? 1 : 0);
      sums.db[j] = sums.db[j]! + r;
      for (let k = 0; k < d; k++) sums.dw[k * c + j] = sums.dw[k * c + j]! + xs[row + k]! * r;
    }
  }
  return sums;
}
