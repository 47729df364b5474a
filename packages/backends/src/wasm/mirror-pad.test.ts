import * as tf from '@tensorflow/tfjs-core';
import { describeWithBackends, expectNoLeak } from '@tessera/test-utils';
import { expect, it } from 'vitest';
import { onCpuAndWasm, randomTensor } from './kernel-test-helpers';
import { registerWasmTrainingKernels } from './register-wasm-training-kernels';

// MirrorPad on wasm (mirror-pad.ts: runs copied from heap views) against cpu's kernel, float32 and
// int32, reflect and symmetric: ranks 1 to 4, padding on the last axis (one-element runs), on
// leading axes only (long runs), uneven and the largest allowed paddings, and none at all.
describeWithBackends(
  'MirrorPad on wasm',
  () => {
    it.each([
      { name: 'a vector', shape: [7], paddings: [[3, 2]] },
      {
        name: 'a matrix, both axes',
        shape: [5, 6],
        paddings: [
          [2, 1],
          [0, 3],
        ],
      },
      {
        name: 'images by one pixel (the crops)',
        shape: [4, 28, 28, 1],
        paddings: [
          [0, 0],
          [1, 1],
          [1, 1],
          [0, 0],
        ],
      },
      {
        name: 'channels padded too',
        shape: [2, 5, 4, 3],
        paddings: [
          [0, 0],
          [2, 0],
          [1, 3],
          [1, 1],
        ],
      },
      {
        name: 'a leading axis only (long runs)',
        shape: [6, 4, 20],
        paddings: [
          [2, 3],
          [0, 0],
          [0, 0],
        ],
      },
      {
        name: 'a middle axis',
        shape: [3, 9, 17],
        paddings: [
          [0, 0],
          [4, 4],
          [0, 0],
        ],
      },
      {
        name: 'no padding',
        shape: [3, 4],
        paddings: [
          [0, 0],
          [0, 0],
        ],
      },
    ] as Array<{ name: string; shape: number[]; paddings: Array<[number, number]> }>)(
      'matches cpu: $name',
      async ({ shape, paddings }) => {
        registerWasmTrainingKernels();
        const run = async () => {
          const x = randomTensor(shape, 8);
          const xi = tf.cast(tf.mul(x, 1000), 'int32');
          const outs = [];
          for (const mode of ['reflect', 'symmetric'] as const) {
            // reflect cannot pad by the whole axis: clip to size − 1 there
            const p = paddings.map(([a, b], d): [number, number] =>
              mode === 'reflect'
                ? [Math.min(a, shape[d]! - 1), Math.min(b, shape[d]! - 1)]
                : [a, b],
            );
            const [a, b] = [tf.mirrorPad(x, p, mode), tf.mirrorPad(xi, p, mode)];
            outs.push({
              mode,
              shape: a.shape,
              float: Array.from(await a.data()),
              int: Array.from(await b.data()),
            });
            tf.dispose([a, b]);
          }
          tf.dispose([x, xi]);
          return outs;
        };
        const { cpu, wasm } = await onCpuAndWasm(run);
        expect(wasm).toEqual(cpu);
      },
    );

    it("keeps mirrorPad's gradient and leaks nothing", async () => {
      registerWasmTrainingKernels();
      const run = async () => {
        const x = randomTensor([2, 5, 5, 2], 9);
        const r = randomTensor([2, 7, 7, 2], 10);
        const g = tf.grad((t: tf.Tensor) =>
          tf.sum(
            tf.mul(
              tf.mirrorPad(
                t,
                [
                  [0, 0],
                  [1, 1],
                  [1, 1],
                  [0, 0],
                ],
                'symmetric',
              ),
              r,
            ),
          ),
        )(x);
        const out = Array.from(await g.data());
        tf.dispose([x, r, g]);
        return out;
      };
      const { cpu, wasm } = await onCpuAndWasm(run);
      expect(wasm.length).toBe(cpu.length);
      wasm.forEach((v, i) => expect(v).toBeCloseTo(cpu[i]!, 5));
      await tf.setBackend('wasm');
      const x = randomTensor([3, 6, 6, 1], 1);
      await expectNoLeak(() => {
        tf.mirrorPad(
          x,
          [
            [0, 0],
            [2, 2],
            [1, 1],
            [0, 0],
          ],
          'reflect',
        ).dispose();
      });
      x.dispose();
    });
  },
  { backends: ['wasm'] },
);
