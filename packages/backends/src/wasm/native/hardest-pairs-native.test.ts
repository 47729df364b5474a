// TesseraHardestPairs on wasm (native/hardest-pairs.c, and the JavaScript loop it replaces until
// the native kernels are ready) against the definition written out here: float32 distances
// (‖e_i‖² + ‖e_j‖²) − 2 g_ij, the first index on ties, −1 where a row has no candidate. Ties made
// on purpose, classes in any order and of any size, rows that are not a multiple of the parts.
// Runs here single-threaded and from node-threads.test.ts on two.
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { TESSERA_KERNELS } from '@tessera/core';
import { expectNoLeak } from '@tessera/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { randomTensor, useNativeKernels } from '../kernel-test-helpers';
import { KERNEL, setNativeKernelsEnabled } from './native-kernels';

const NAME = TESSERA_KERNELS.hardestPairs;

function definition(g: Float32Array, norms: Float32Array, classes: Int32Array) {
  const n = classes.length;
  const positive: number[] = [];
  const negative: number[] = [];
  for (let i = 0; i < n; i++) {
    const d = (j: number) =>
      Math.fround(Math.fround(norms[i]! + norms[j]!) - Math.fround(2 * g[i * n + j]!));
    const same = [...classes.keys()].filter((j) => j !== i && classes[j] === classes[i]);
    const other = [...classes.keys()].filter((j) => classes[j] !== classes[i]);
    const pick = (js: number[], better: (a: number, b: number) => boolean) =>
      js.reduce((best, j) => (best < 0 || better(d(j), d(best)) ? j : best), -1);
    positive.push(pick(same, (a, b) => a > b));
    negative.push(pick(other, (a, b) => a < b));
  }
  return { positive, negative };
}

async function ours(g: Float32Array, norms: Float32Array, classes: Int32Array) {
  const n = classes.length;
  const inputs = {
    gram: tf.tensor2d(g, [n, n]),
    norms: tf.tensor1d(norms),
    classes: tf.tensor1d(classes, 'int32'),
  };
  const [p, q] = tf.engine().runKernel(NAME, inputs, {}) as tf.Tensor[];
  const out = { positive: Array.from(await p!.data()), negative: Array.from(await q!.data()) };
  tf.dispose([p!, q!, ...Object.values(inputs)]);
  return out;
}

/** A seeded batch: the Gram matrix and squared norms of random rows, `classes` as given. */
async function batch(n: number, dim: number, seed: number) {
  const e = randomTensor([n, dim], seed);
  const g = (await tf.matMul(e, e, false, true).data()) as Float32Array;
  const norms = (await tf.sum(tf.square(e), 1).data()) as Float32Array;
  e.dispose();
  return { g, norms };
}

describe('TesseraHardestPairs on wasm', () => {
  const native = useNativeKernels();

  it.each([
    { name: 'a P×K batch (16 classes × 8, class-major)', n: 128, classes: (i: number) => i >> 3 },
    { name: 'classes interleaved, 13 rows', n: 13, classes: (i: number) => (i * 5) % 3 },
    {
      name: 'label values far apart, uneven classes',
      n: 37,
      classes: (i: number) => (i % 7 === 0 ? -9 : i % 2 ? 1e6 : 4),
    },
  ])('matches the definition, native and JavaScript: $name', async ({ n, classes }) => {
    const { g, norms } = await batch(n, 16, n);
    const cls = Int32Array.from({ length: n }, (_, i) => classes(i));
    const want = definition(g, norms, cls);
    const run = vi.spyOn(native().pool, 'run');
    expect(await ours(g, norms, cls)).toEqual(want);
    expect(run.mock.calls.map((c) => c[0])).toEqual([KERNEL.hardestPairsPart]);
    setNativeKernelsEnabled(false);
    expect(await ours(g, norms, cls)).toEqual(want);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('takes the first index on ties and gives −1 where a row has no candidate', async () => {
    // rows on a line at 0, 1, −1 (class 0), 1 (class 1, alone) and 5 (class 2, alone): anchor 0's
    // positives tie at distance 1 (rows 1 and 2: row 1 wins), anchor 4's negatives tie at 16
    // (rows 1 and 3: row 1 wins); anchors 3 and 4 have no positive
    const x = [0, 1, -1, 1, 5];
    const g = Float32Array.from(x.flatMap((a) => x.map((b) => a * b)));
    const norms = Float32Array.from(x.map((a) => a * a));
    const cls = Int32Array.from([0, 0, 0, 1, 2]);
    for (const enabled of [true, false]) {
      setNativeKernelsEnabled(enabled);
      const got = await ours(g, norms, cls);
      expect(got).toEqual(definition(g, norms, cls));
      expect(got.positive).toEqual([1, 2, 1, -1, -1]);
      expect(got.negative).toEqual([3, 3, 3, 1, 1]);
    }
    const alone = await ours(new Float32Array(4), new Float32Array(2), Int32Array.from([3, 3]));
    expect(alone).toEqual({ positive: [1, 0], negative: [-1, -1] });
  });

  it('handles no rows, leaks nothing, and rejects wrong dtypes or shapes', async () => {
    expect(await ours(new Float32Array(0), new Float32Array(0), new Int32Array(0))).toEqual({
      positive: [],
      negative: [],
    });
    const inputs = {
      gram: tf.zeros([6, 6]),
      norms: tf.zeros([6]),
      classes: tf.zeros([6], 'int32'),
    };
    await expectNoLeak(() => {
      tf.dispose(tf.engine().runKernel(NAME, inputs, {}) as tf.Tensor[]);
    });
    const run = (patch: Record<string, tf.Tensor>) =>
      tf.engine().runKernel(NAME, { ...inputs, ...patch }, {});
    const [floatClasses, shortNorms] = [tf.zeros([6]), tf.zeros([5])];
    expect(() => run({ classes: floatClasses })).toThrow(
      /input classes must be int32, got float32/,
    );
    expect(() => run({ norms: shortNorms })).toThrow(/expected gram \[n, n\], norms \[n\]/);
    tf.dispose([floatClasses, shortNorms, ...Object.values(inputs)]);
  });
});
