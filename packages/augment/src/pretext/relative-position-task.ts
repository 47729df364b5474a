import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@tessera/core';
import { cropImages } from '../ops/resized-crop';
import type { CropBox } from '../ops/crop-box';
import { assertImages, fail } from '../internal/validate';
import { resolveRng } from '../transform/resolve-rng';
import { patchBox, patchGrid } from './patch-grid';

/**
 * The eight neighbour positions `[dRow, dCol]` in reading order: label k is the k-th
 * (0 top-left, 1 top, 2 top-right, 3 left, 4 right, 5 bottom-left, 6 bottom, 7 bottom-right).
 */
export const RELATIVE_POSITIONS: readonly (readonly [number, number])[] = [
  [-1, -1],
  [-1, 0],
  [-1, 1],
  [0, -1],
  [0, 1],
  [1, -1],
  [1, 0],
  [1, 1],
];

/** Options of {@link relativePositionTask}. */
export interface RelativePositionOptions {
  /** Cells per side. Default `3`; with more, the centre cell is drawn among those with 8 neighbours. */
  grid?: number;
  /** Pixels between neighbouring patches (so edges cannot give the answer away). Default ≈ a quarter cell. */
  gap?: number;
  /** Random shift of each patch, up to this many pixels each way. Default half the gap. */
  jitter?: number;
  seed?: number | Rng;
}

/** What {@link relativePositionTask} returns. */
export interface RelativePositionTask {
  /** `[N, h, w, C]`: the centre patch of each image. */
  readonly center: tf.Tensor4D;
  /** `[N, h, w, C]`: one of its eight neighbours. */
  readonly neighbor: tf.Tensor4D;
  /** `[N]` int32 in 0…7: where the neighbour is ({@link RELATIVE_POSITIONS}). */
  readonly label: tf.Tensor1D;
  /** The crop boxes `[top, left, h, w]` and labels used. */
  readonly params: { centerBoxes: CropBox[]; neighborBoxes: CropBox[]; labels: number[] };
}

/**
 * The relative-position pretext task (Doersch et al. 2015, "the eight positions"): cut each image
 * into a grid of patches with gaps and jitter, and ask which of the eight positions around the
 * centre patch a second patch came from.
 *
 * @example
 * ```ts
 * const { center, neighbor, label } = relativePositionTask(images, { seed: 0 });
 * ```
 * @category Pretext tasks
 */
export function relativePositionTask(
  images: tf.Tensor4D,
  { grid = 3, gap, jitter, seed }: RelativePositionOptions = {},
): RelativePositionTask {
  const name = 'relativePositionTask';
  assertImages(images, name);
  if (!Number.isInteger(grid) || grid < 3)
    fail(name, 'grid', `grid must be an integer >= 3 (a centre with 8 neighbours), got ${grid}.`);
  const [n, h, w] = images.shape;
  const layout = patchGrid(h, w, { grid, gap, jitter }, name);
  const rng = resolveRng(seed);
  const labels: number[] = [];
  const centerBoxes: CropBox[] = [];
  const neighborBoxes: CropBox[] = [];
  for (let i = 0; i < n; i++) {
    const row = grid === 3 ? 1 : 1 + rng.nextInt(grid - 2);
    const col = grid === 3 ? 1 : 1 + rng.nextInt(grid - 2);
    const label = rng.nextInt(8);
    const [dr, dc] = RELATIVE_POSITIONS[label]!;
    labels.push(label);
    centerBoxes.push(patchBox(layout, row, col, rng));
    neighborBoxes.push(patchBox(layout, row + dr, col + dc, rng));
  }
  return {
    center: cropImages(images, centerBoxes),
    neighbor: cropImages(images, neighborBoxes),
    label: tf.tensor1d(labels, 'int32'),
    params: { centerBoxes, neighborBoxes, labels },
  };
}
