import * as tf from '@tensorflow/tfjs-core';
import { describeWithBackends, expectNoLeak } from '@tessera/test-utils';
import { expect, it } from 'vitest';
import { jigsawTask } from './jigsaw-task';
import { allPermutations, greedySelect, jigsawPermutations } from './permutations';
import { loadGolden } from '@tessera/test-utils';
import { RELATIVE_POSITIONS, relativePositionTask } from './relative-position-task';
import { rotationTask } from './rotation-task';

const image = (n: number, h: number, w: number, c = 1) =>
  tf.tidy(() =>
    tf.reshape(tf.div(tf.range(0, n * h * w * c, 1, 'float32'), n * h * w * c), [n, h, w, c]),
  ) as tf.Tensor4D;

describeWithBackends('pretext tasks', () => {
  it('rotationTask: four copies turned counter-clockwise, labels 0…3', () => {
    const x = tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]); // [[1, 2], [3, 4]]
    const { images, labels } = rotationTask(x);
    // np.rot90([[1, 2], [3, 4]], k) for k = 0…3
    expect(Array.from(images.dataSync())).toEqual([1, 2, 3, 4, 2, 4, 1, 3, 4, 3, 2, 1, 3, 1, 4, 2]);
    expect(Array.from(labels.dataSync())).toEqual([0, 1, 2, 3]);
    expect(labels.dtype).toBe('int32');
    tf.dispose([x, images, labels]);
  });

  it('relativePositionTask: neighbour k sits at the k-th position around the centre', () => {
    const x = image(40, 30, 30);
    const task = relativePositionTask(x, { seed: 3 });
    const labels = Array.from(task.label.dataSync());
    expect(labels.every((l) => l >= 0 && l <= 7)).toBe(true);
    expect(new Set(labels).size).toBe(8);
    const { centerBoxes, neighborBoxes } = task.params;
    labels.forEach((label, i) => {
      const [dr, dc] = RELATIVE_POSITIONS[label]!;
      const [ct, cl] = centerBoxes[i]!;
      const [nt, nl] = neighborBoxes[i]!;
      // one cell (10 px) away in the label's direction, give or take the jitter (gap 3 → jitter 1 each)
      expect(Math.abs(nt - ct - 10 * dr)).toBeLessThanOrEqual(2);
      expect(Math.abs(nl - cl - 10 * dc)).toBeLessThanOrEqual(2);
    });
    // the patches are those pixels
    const [t, l, h, w] = neighborBoxes[5]!;
    const expected = tf.slice(x, [5, t, l, 0], [1, h, w, 1]);
    expect(Array.from(tf.slice(task.neighbor, 5, 1).dataSync())).toEqual(
      Array.from(expected.dataSync()),
    );
    expect(task.center.shape).toEqual([40, 7, 7, 1]);
    tf.dispose([x, task.center, task.neighbor, task.label, expected]);
  });

  it('jigsawTask: placing tile k at cell perm[k] reassembles the image', () => {
    const x = image(3, 12, 12, 3);
    const { tiles, permutation, permutations } = jigsawTask(x, {
      permutations: 10,
      gap: 0,
      jitter: 0,
      seed: 1,
    });
    expect(tiles.shape).toEqual([3, 9, 4, 4, 3]);
    const idx = Array.from(permutation.dataSync());
    expect(idx.every((v) => v >= 0 && v < 10)).toBe(true);
    const t = tiles.arraySync();
    const original = x.arraySync();
    for (let i = 0; i < 3; i++) {
      const perm = permutations[idx[i]!]!;
      const rebuilt = Array.from({ length: 12 }, () => Array.from({ length: 12 }, () => [0, 0, 0]));
      perm.forEach((cell, k) => {
        const r0 = Math.floor(cell / 3) * 4;
        const c0 = (cell % 3) * 4;
        for (let y = 0; y < 4; y++)
          for (let xx = 0; xx < 4; xx++) rebuilt[r0 + y]![c0 + xx] = t[i]![k]![y]![xx]!;
      });
      expect(rebuilt).toEqual(original[i]);
    }
    tf.dispose([x, tiles, permutation]);
  });

  it('leaves no tensor behind', async () => {
    const x = image(4, 15, 15, 3);
    await expectNoLeak(() => {
      const r = rotationTask(x);
      const p = relativePositionTask(x, { seed: 1 });
      const j = jigsawTask(x, { permutations: 5, seed: 1 });
      tf.dispose([r.images, r.labels, p.center, p.neighbor, p.label, j.tiles, j.permutation]);
    });
    x.dispose();
  });
});

it('jigsawPermutations: distinct permutations far apart, deterministic', () => {
  const set = jigsawPermutations(30);
  expect(set).toHaveLength(30);
  expect(new Set(set.map((p) => p.join())).size).toBe(30);
  for (const p of set) expect(Array.from(p).sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  // farther apart than random permutations (whose expected Hamming distance is 9 · 8/9 = 8)
  let sum = 0;
  for (let a = 0; a < set.length; a++) {
    for (let b = a + 1; b < set.length; b++)
      sum += set[a]!.reduce((d, v, k) => d + (v !== set[b]![k] ? 1 : 0), 0);
  }
  expect(sum / ((30 * 29) / 2)).toBeGreaterThan(8.15);
  expect(jigsawPermutations(30)).toEqual(set);
  expect(
    jigsawPermutations(24, { tiles: 4 })
      .map((p) => p.join())
      .sort(),
  ).toHaveLength(24);
});

it('greedy selection equals Noroozi & Favaro select_permutations (augment_jigsaw.json)', () => {
  const all = allPermutations(9);
  for (const c of loadGolden('augment_jigsaw').cases) {
    const first = (c.inputs.first as number[]).join();
    let row = 0;
    while (Array.from(all.subarray(row * 9, row * 9 + 9)).join() !== first) row++;
    const got = greedySelect(all, 9, c.params!.count as number, row).map((p) => Array.from(p));
    expect(got).toEqual(c.expected);
  }
});
