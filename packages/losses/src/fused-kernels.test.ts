// NT-Xent and SupCon on wasm run through the fused `TesseraSoftmaxOffDiagonal`, `TesseraGram` and
// (for their gradient) `TesseraScaledSymmetricMatMul` kernels that @tessera/backends registers, and
// batch-hard mining through `TesseraHardestPairs` (vitest.setup.ts registers them as
// `selectBackend` does, so every wasm golden test of these losses goes through them). Here: the
// kernels are seen to run, larger batches match the composed ops on the same backend (the kernels
// unregistered), and nothing leaks.
import * as tf from '@tensorflow/tfjs-core';
import { TESSERA_KERNELS } from '@tessera/core';
import { describeWithBackends, expectNoLeak } from '@tessera/test-utils';
import { beforeAll, expect, it, vi } from 'vitest';
import { batchHardTripletLoss } from './batch-hard-triplet-loss';
import { ntXentLoss } from './nt-xent-loss';
import { supConLoss } from './sup-con-loss';

const NAME = TESSERA_KERNELS.softmaxOffDiagonal;
const GRAM = TESSERA_KERNELS.gram;

/** Loss and gradients of NT-Xent at τ 0.1 on two seeded [n, 128] views. */
function ntXentWithGrads(n: number): [number, Float32Array, Float32Array] {
  const [a, b] = [1, 2].map((seed) => tf.randomNormal([n, 128], 0, 1, 'float32', seed)) as [
    tf.Tensor2D,
    tf.Tensor2D,
  ];
  const { value, grads } = tf.valueAndGrads((x: tf.Tensor, y: tf.Tensor) =>
    ntXentLoss(x as tf.Tensor2D, y as tf.Tensor2D, { temperature: 0.1 }),
  )([a, b]);
  const out: [number, Float32Array, Float32Array] = [
    value.dataSync()[0]!,
    grads[0]!.dataSync() as Float32Array,
    grads[1]!.dataSync() as Float32Array,
  ];
  tf.dispose([a, b, value, ...grads]);
  return out;
}

describeWithBackends(
  'the fused softmax without the diagonal',
  () => {
    let composed: [number, Float32Array, Float32Array];
    beforeAll(() => {
      const configs = [NAME, GRAM].map((name) => tf.getKernel(name, 'wasm'));
      expect(configs.every(Boolean)).toBe(true);
      for (const name of [NAME, GRAM]) tf.unregisterKernel(name, 'wasm');
      composed = ntXentWithGrads(300);
      for (const config of configs) tf.registerKernel(config!);
    });

    it('ntXentLoss and supConLoss run them', () => {
      const run = vi.spyOn(tf.engine(), 'runKernel');
      const [a, b] = [5, 6].map((seed) => tf.randomNormal([8, 16], 0, 1, 'float32', seed)) as [
        tf.Tensor2D,
        tf.Tensor2D,
      ];
      const views = tf.stack([a, b], 1) as tf.Tensor3D;
      tf.dispose([ntXentLoss(a, b), supConLoss(views, [0, 1, 2, 3, 0, 1, 2, 3])]);
      expect(run.mock.calls.filter(([name]) => name === NAME)).toHaveLength(2);
      expect(run.mock.calls.filter(([name]) => name === GRAM)).toHaveLength(2);
      run.mockRestore();
      tf.dispose([a, b, views]);
    });

    it('their gradient runs TesseraScaledSymmetricMatMul once per loss, never the factor alone', () => {
      const run = vi.spyOn(tf.engine(), 'runKernel');
      const [a, b] = [5, 6].map((seed) => tf.randomNormal([8, 16], 0, 1, 'float32', seed));
      const views = tf.stack([a!, b!], 1) as tf.Tensor3D;
      const { value, grads } = tf.valueAndGrads((x: tf.Tensor, y: tf.Tensor, v: tf.Tensor) =>
        tf.add(
          ntXentLoss(x as tf.Tensor2D, y as tf.Tensor2D),
          supConLoss(v as tf.Tensor3D, [0, 1, 2, 3, 0, 1, 2, 3]),
        ),
      )([a!, b!, views]);
      const calls = (kernel: string) => run.mock.calls.filter(([name]) => name === kernel);
      expect(calls(TESSERA_KERNELS.scaledSymmetricMatMul)).toHaveLength(2);
      expect(calls(TESSERA_KERNELS.scaledSymmetricSum)).toHaveLength(0);
      run.mockRestore();
      tf.dispose([a!, b!, views, value, ...grads]);
    });

    it('N = 300 at τ 0.1: loss and gradients as the composed ops give them, to float32 rounding', () => {
      const [loss, ga, gb] = ntXentWithGrads(300);
      expect(Math.abs(loss - composed[0]) / composed[0]).toBeLessThan(1e-6);
      for (const [got, want] of [
        [ga, composed[1]],
        [gb, composed[2]],
      ] as const) {
        let worst = 0;
        let scale = 0;
        for (let k = 0; k < want.length; k++) {
          worst = Math.max(worst, Math.abs(got[k]! - want[k]!));
          scale = Math.max(scale, Math.abs(want[k]!));
        }
        expect(worst / scale).toBeLessThan(1e-5);
      }
    });

    it('batchHardTripletLoss mines with TesseraHardestPairs, as the composed ops do', () => {
      const x = tf.randomNormal([96, 32], 0, 1, 'float32', 7) as tf.Tensor2D;
      const labels = Array.from({ length: 96 }, (_, i) => (i * 7) % 12);
      const lossAndGrad = () => {
        const { value, grads } = tf.valueAndGrads(
          (e: tf.Tensor) => batchHardTripletLoss(e as tf.Tensor2D, labels) as tf.Scalar,
        )([x]);
        const out = [value.dataSync()[0]!, grads[0]!.dataSync()] as const;
        tf.dispose([value, ...grads]);
        return out;
      };
      const run = vi.spyOn(tf.engine(), 'runKernel');
      const [loss, grad] = lossAndGrad();
      expect(run.mock.calls.filter(([name]) => name === TESSERA_KERNELS.hardestPairs)).toHaveLength(
        1,
      );
      run.mockRestore();
      const config = tf.getKernel(TESSERA_KERNELS.hardestPairs, 'wasm')!;
      tf.unregisterKernel(TESSERA_KERNELS.hardestPairs, 'wasm');
      const [composedLoss, composedGrad] = lossAndGrad();
      tf.registerKernel(config);
      expect(Math.abs(loss - composedLoss)).toBeLessThan(1e-5 * Math.abs(composedLoss));
      for (let k = 0; k < grad.length; k++)
        expect(Math.abs(grad[k]! - composedGrad[k]!)).toBeLessThan(1e-5);
      x.dispose();
    });

    it('a training step through the kernels leaks nothing', async () => {
      const [a, b] = [3, 4].map((seed) => tf.randomNormal([64, 32], 0, 1, 'float32', seed));
      await expectNoLeak(() => {
        const { value, grads } = tf.valueAndGrads((x: tf.Tensor, y: tf.Tensor) =>
          ntXentLoss(x as tf.Tensor2D, y as tf.Tensor2D),
        )([a!, b!]);
        tf.dispose([value, ...grads]);
      });
      tf.dispose([a!, b!]);
    });
  },
  { backends: ['wasm'] },
);
