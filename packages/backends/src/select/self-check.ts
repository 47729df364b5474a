import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@tessera/core';
import { loadCpuBackend } from './load-cpu-backend';

/** Inputs of the self-check: fixed pseudo-random values, the same on every backend. */
function inputs() {
  const rng = createRng(20240601);
  const values = (n: number) => Float32Array.from({ length: n }, () => rng.uniform(-1, 1));
  return {
    a: tf.tensor2d(values(12), [3, 4]),
    b: tf.tensor2d(values(8), [4, 2]),
    x: tf.tensor4d(values(2 * 5 * 5 * 3), [2, 5, 5, 3]),
    w: tf.tensor4d(values(3 * 3 * 3 * 4), [3, 3, 3, 4]),
  };
}

/**
 * matmul, and both conv2d gradients for `dy = conv2d(x, w, stride 2, same)`: with respect to the
 * input (`Conv2DBackpropInput`, as `conv2dTranspose`) and to the filter (`Conv2DBackpropFilter`,
 * run directly so the check needs no gradient registry) — the kernels a training step uses.
 */
async function compute(): Promise<Float32Array[]> {
  const outs = tf.tidy(() => {
    const { a, b, x, w } = inputs();
    const dy = tf.conv2d(x, w, 2, 'same');
    const dx = tf.conv2dTranspose(dy, w, x.shape, 2, 'same');
    const dw = tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, {
      strides: [2, 2],
      pad: 'same',
      dataFormat: 'NHWC',
      dimRoundingMode: undefined,
      filterShape: w.shape,
    } as unknown as tf.NamedAttrMap) as tf.Tensor;
    return [tf.matMul(a, b), dy, dx, dw];
  });
  try {
    return (await Promise.all(outs.map((t) => t.data()))) as Float32Array[];
  } finally {
    tf.dispose(outs);
  }
}

/**
 * Runs a matmul and a conv2d gradient on `name` and on `cpu` and compares them. Resolves to `null`
 * when they agree, or to the reason they do not (or the error raised). Leaves `name` active.
 * @internal
 */
export async function selfCheck(name: string): Promise<string | null> {
  try {
    await loadCpuBackend(); // the reference
    await tf.setBackend('cpu');
    const expected = await compute();
    await tf.setBackend(name);
    const actual = await compute();
    const tol = tf.backend().floatPrecision() === 16 ? 5e-2 : 1e-3;
    const labels = ['matmul', 'conv2d', 'conv2d input gradient', 'conv2d filter gradient'];
    for (let k = 0; k < expected.length; k++) {
      const e = expected[k] as Float32Array;
      const a = actual[k] as Float32Array;
      const scale = Math.max(1, ...Array.from(e, Math.abs));
      const err = Math.max(...Array.from(e, (v, i) => Math.abs(v - (a[i] as number))));
      if (!(err <= tol * scale)) {
        return `self-check failed: ${labels[k]} differs from cpu by ${err.toPrecision(3)} (tolerance ${(tol * scale).toPrecision(3)})`;
      }
    }
    return null;
  } catch (e) {
    await tf.setBackend(name).catch(() => false);
    return `self-check failed: ${firstLine(e)}`;
  }
}

/** The first line of an error's message. @internal */
export function firstLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.split('\n')[0]?.trim() ?? text;
}
