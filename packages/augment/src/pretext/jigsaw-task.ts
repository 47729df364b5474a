import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@tessera/core';
import { cropImages } from '../ops/resized-crop';
import type { CropBox } from '../ops/crop-box';
import { assertImages, fail } from '../internal/validate';
import { resolveRng } from '../transform/resolve-rng';
import { patchBox, patchGrid } from './patch-grid';
import { jigsawPermutations } from './permutations';

/** Options of {@link jigsawTask}. */
export interface JigsawOptions {
  /** Tiles per side. Default `3` (9 tiles). */
  grid?: number;
  /** The permutation set: a count (built by {@link jigsawPermutations}) or the permutations themselves. Default `100`. */
  permutations?: number | readonly ArrayLike<number>[];
  /** Pixels between tiles. Default ≈ a quarter cell. */
  gap?: number;
  /** Random shift of each tile. Default half the gap. */
  jitter?: number;
  seed?: number | Rng;
}

/** What {@link jigsawTask} returns. */
export interface JigsawTask {
  /** `[N, T, h, w, C]`: tile k of image i is the tile from grid cell `permutations[index[i]][k]` (reading order). */
  readonly tiles: tf.Tensor5D;
  /** `[N]` int32: the index of each image's permutation in the set — the class to predict. */
  readonly permutation: tf.Tensor1D;
  /** The permutation set (T entries each). */
  readonly permutations: Int32Array[];
  /** The index and the crop box of every tile (`[N][T]`, in output order). */
  readonly params: { indices: number[]; boxes: CropBox[][] };
}

/**
 * The jigsaw pretext task (Noroozi & Favaro 2016): cut each image into `grid × grid` tiles with gaps
 * and jitter, shuffle them by a permutation drawn from a maximal-Hamming-distance set, and return the
 * shuffled tiles with the permutation's index as the label (which lightly's `Jigsaw` drops).
 *
 * @example
 * ```ts
 * const { tiles, permutation } = jigsawTask(images, { permutations: 100, seed: 0 }); // tiles [N, 9, h, w, C]
 * ```
 * @category Pretext tasks
 */
export function jigsawTask(
  images: tf.Tensor4D,
  { grid = 3, permutations = 100, gap, jitter, seed }: JigsawOptions = {},
): JigsawTask {
  const name = 'jigsawTask';
  assertImages(images, name);
  const [n, h, w] = images.shape;
  const layout = patchGrid(h, w, { grid, gap, jitter }, name);
  const tiles = grid * grid;
  const set =
    typeof permutations === 'number'
      ? jigsawPermutations(permutations, { tiles })
      : readSet(permutations, tiles);
  const rng = resolveRng(seed);
  const indices: number[] = [];
  const boxes: CropBox[][] = [];
  for (let i = 0; i < n; i++) {
    const index = rng.nextInt(set.length);
    indices.push(index);
    boxes.push(
      Array.from(set[index]!, (cell) =>
        patchBox(layout, Math.floor(cell / grid), cell % grid, rng),
      ),
    );
  }
  const out = tf.tidy(() =>
    tf.stack(
      Array.from({ length: tiles }, (_, k) =>
        cropImages(
          images,
          boxes.map((b) => b[k]!),
        ),
      ),
      1,
    ),
  ) as tf.Tensor5D;
  return {
    tiles: out,
    permutation: tf.tensor1d(indices, 'int32'),
    permutations: set,
    params: { indices, boxes },
  };
}

function readSet(permutations: readonly ArrayLike<number>[], tiles: number): Int32Array[] {
  if (!Array.isArray(permutations) || permutations.length === 0) {
    fail(
      'jigsawTask',
      'permutations',
      'permutations must be a count or a non-empty list of permutations.',
    );
  }
  return permutations.map((p, i) => {
    const a = Int32Array.from(p);
    const sorted = Array.from(a).sort((x, y) => x - y);
    if (a.length !== tiles || !sorted.every((v, k) => v === k)) {
      fail(
        'jigsawTask',
        'permutations',
        `permutations[${i}] must be a permutation of 0…${tiles - 1}.`,
      );
    }
    return a;
  });
}
