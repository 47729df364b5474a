import * as tf from '@tensorflow/tfjs-core';
import { expectTensorClose } from './expect-tensor-close';
import { flatten } from './flatten';
import type { GoldenCase } from './load-golden';

/** What {@link expectGoldenLoss} checks. */
export interface GoldenLossCheck {
  /** The golden case (inputs, expected value, gradients). */
  readonly golden: GoldenCase;
  /** Builds the scalar loss from the case's inputs, as tensors keyed by the golden input names. */
  readonly loss: (inputs: Record<string, tf.Tensor>) => tf.Tensor;
  /** Expected value; default `golden.expected`. */
  readonly expected?: number;
  /** Expected gradients keyed by input name; default `golden.grad`. Pass `null` to skip gradients. */
  readonly grad?: Readonly<Record<string, unknown>> | null;
  /** Inputs that are int32 (labels, indices). */
  readonly intInputs?: readonly string[];
  /** Value tolerance, relative. Default `1e-4` (the golden README's float32 suggestion). */
  readonly rtol?: number;
  /** Value tolerance, absolute. Default `1e-5`. */
  readonly atol?: number;
}

/**
 * Checks a loss against a golden case on the active backend: the value within `rtol`/`atol`, and
 * each gradient within `atol = 1e-4 · max(1, max|g|)` (the golden README's tolerances for float32).
 * Gradients come from `tf.valueAndGrads`, so the loss must be differentiable end to end.
 */
export function expectGoldenLoss({
  golden,
  loss,
  expected,
  grad,
  intInputs = [],
  rtol = 1e-4,
  atol = 1e-5,
}: GoldenLossCheck): void {
  const tensors: Record<string, tf.Tensor> = {};
  for (const [name, value] of Object.entries(golden.inputs)) {
    tensors[name] = tf.tensor(
      value as number[],
      undefined,
      intInputs.includes(name) ? 'int32' : 'float32',
    );
  }
  const wantGrad =
    grad === null ? {} : (grad ?? (golden.grad as Record<string, unknown> | undefined) ?? {});
  const wrt = Object.keys(wantGrad);
  try {
    if (wrt.length === 0) {
      const value = loss(tensors);
      expectTensorClose(value, [expected ?? (golden.expected as number)].flat(), { rtol, atol });
      value.dispose();
      return;
    }
    const f = (...xs: tf.Tensor[]) =>
      loss({
        ...tensors,
        ...Object.fromEntries(wrt.map((k, i) => [k, xs[i] as tf.Tensor])),
      }) as tf.Scalar;
    const { value, grads } = tf.valueAndGrads(f)(wrt.map((k) => tensors[k] as tf.Tensor));
    try {
      expectTensorClose(value, [expected ?? (golden.expected as number)].flat(), { rtol, atol });
      wrt.forEach((k, i) => {
        const want = flatten(wantGrad[k] as number[]);
        const scale = Math.max(1, ...Array.from(want, Math.abs));
        try {
          expectTensorClose(grads[i] as tf.Tensor, wantGrad[k] as number[], {
            rtol: 0,
            atol: 1e-4 * scale,
          });
        } catch (e) {
          throw new Error(`gradient with respect to '${k}': ${(e as Error).message}`, { cause: e });
        }
      });
    } finally {
      tf.dispose([value, ...grads]);
    }
  } finally {
    tf.dispose(Object.values(tensors));
  }
}
