import * as tf from '@tensorflow/tfjs-core';
import { assertInteger, assertOneOf } from '@tessera/core';
import { jigsawPermutations, jigsawTask } from '@tessera/augment';
import { classifierHead, patchEncoder, tileRepresentationOr } from './patch-tiles';
import { minimizeStep, train, trainableVariables, views } from './shared';
import type { PretrainMethod } from './types';

/** Options of {@link jigsaw}. @category Methods */
export interface JigsawMethodOptions {
  /** Tiles per side. Default `3`. */
  grid: number;
  /** Size of the permutation set (maximal Hamming distance), i.e. the number of classes. Default `100`. */
  permutations: number;
  /** Hidden width of the classifier. Default `256`. */
  hiddenDim: number;
  /**
   * Pixels between neighbouring tiles, so that strokes and edges running across a border cannot
   * give the order away. Default a third of a cell, rounded (3 on 28 × 28 MNIST: 6 × 6 tiles in
   * 9 × 9 cells; none for cells under 4 pixels). The paper's 64-pixel tiles in 75-pixel cells
   * leave 11; on MNIST a quarter of a cell (2: 7 × 7 tiles) made features no better than the
   * random start (kNN after 300 s −0.10 against it; with 3: +2.80).
   */
  gap: number;
  /** Random shift of each tile during training, up to this many pixels each way (at most half the gap). Default half the gap, rounded down. */
  jitter: number;
  /**
   * Normalise every tile on its own, as the paper's implementation does "to avoid low level
   * features shortcut" (colour and contrast cues of natural images): each tile gets the mean and
   * standard deviation of the batch's pixels (its own brightness and contrast removed, the
   * encoder's input scale kept). Default `false`: grey digits have no colour shortcut to remove,
   * and normalising stretches a tile holding a stroke fragment to the contrast of whole digits,
   * which whole images then do not have (kNN on whole images drops further with it on MNIST).
   */
  normalizeTiles: boolean;
  /**
   * What the run's representation is: `'tiles'` — the image's `grid × grid` tiles (the training
   * crops without jitter, reading order) through the encoder, their features concatenated, the
   * input of the puzzle classifier on the unshuffled puzzle (`[N, grid²·D]`) — or `'encoder'`, the
   * encoder on whole images. Default `'tiles'`: the encoder learns on small tiles (6 × 6 on
   * MNIST), and whole images are an input it never saw — read on its tiles it scores higher in kNN
   * and improves on its starting weights, read on whole images it does not. The encoder is in
   * `models.encoder` either way.
   * Falls back to `'encoder'` when the encoder does not take tiles at their own size.
   */
  representation: 'tiles' | 'encoder';
}

/**
 * Each tile `[M, h, w, C]` shifted and scaled to the mean and standard deviation of `images`' pixels
 * (a blank tile becomes that mean): per-tile normalisation, then back to the images' scale.
 */
function normalizeEachTile(tiles: tf.Tensor4D, images: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => {
    const all = tf.moments(images);
    const own = tf.moments(tiles, [1, 2, 3], true);
    const std = tf.sqrt(own.variance);
    const safe = tf.where(tf.greater(std, 1e-6), std, tf.onesLike(std));
    const scale = tf.div(tf.sqrt(all.variance), safe);
    return tf.add(tf.mul(tf.sub(tiles, own.mean), scale), all.mean) as tf.Tensor4D;
  });
}

/**
 * Jigsaw puzzles (Noroozi & Favaro 2016, https://arxiv.org/abs/1603.09246): each (augmented)
 * image is cut into `grid × grid` tiles with gaps and jitter and shuffled by one of `permutations`
 * maximal-Hamming-distance permutations (each tile normalised on its own with `normalizeTiles`, as
 * the paper's implementation); the encoder embeds every tile (at its own size when the encoder is
 * fully convolutional, as the paper's shared conv layers; else resized to its input size) and a
 * 2-layer head on the concatenated tile features classifies the permutation. The representation
 * is that concatenation on the unshuffled tiles (`representation: 'tiles'`, as Kolesnikov et al.
 * 2019 evaluate patch-based methods on their patches) or the encoder on whole images.
 * @category Methods
 */
export const jigsaw: PretrainMethod<JigsawMethodOptions> = {
  name: 'jigsaw',
  family: 'pretext',
  summary: 'Jigsaw puzzles (Noroozi & Favaro 2016): classify the tile permutation',
  requiresLabels: false,
  minBatchSize: 1,
  usesEncoder: true,
  create(
    context,
    {
      grid = 3,
      permutations = 100,
      hiddenDim = 256,
      gap,
      jitter,
      normalizeTiles = false,
      representation = 'tiles',
    } = {},
  ) {
    const [H, W] = context.inputShape;
    assertInteger(grid, 'jigsaw', 'grid', { min: 2, max: Math.min(H!, W!) });
    const cell = Math.floor(Math.min(H!, W!) / grid);
    gap ??= cell >= 4 ? Math.round(cell / 3) : 0;
    assertInteger(gap, 'jigsaw', 'gap', { min: 0, max: cell - 1 });
    jitter ??= Math.floor(gap / 2);
    assertInteger(jitter, 'jigsaw', 'jitter', { min: 0, max: Math.floor(gap / 2) });
    assertOneOf(normalizeTiles, [true, false], 'jigsaw', 'normalizeTiles');
    assertOneOf(representation, ['tiles', 'encoder'], 'jigsaw', 'representation');
    assertInteger(permutations, 'jigsaw', 'permutations', { min: 2 });
    assertInteger(hiddenDim, 'jigsaw', 'hiddenDim', { min: 1 });
    const tiles = grid * grid;
    const set = jigsawPermutations(permutations, { tiles });
    const head = classifierHead(
      context,
      'jigsaw_classifier',
      tiles * context.featureDim,
      hiddenDim,
      set.length,
    );
    const optimizer = context.createOptimizer();
    const vars = trainableVariables(context.encoder, head);
    const encode = patchEncoder(context);
    return {
      representation: tileRepresentationOr(context, grid, representation, gap),
      models: { encoder: context.encoder, head },
      optimizers: { optimizer },
      step: ({ images, seed }) =>
        tf.tidy(() => {
          const [v] = views(context, images, seed, 1) as [tf.Tensor4D];
          const task = jigsawTask(v, {
            grid,
            permutations: set,
            gap,
            jitter,
            seed: (seed ^ 0x6a09e667) >>> 0,
          });
          const [n, t, h, w, c] = task.tiles.shape;
          const cut = tf.reshape(task.tiles, [n * t, h, w, c]) as tf.Tensor4D;
          const flat = normalizeTiles ? normalizeEachTile(cut, v) : cut;
          const targets = tf.oneHot(task.permutation, set.length);
          return minimizeStep(optimizer, vars, () => {
            const f = tf.reshape(encode(flat), [n, t * context.featureDim]);
            return tf.losses.softmaxCrossEntropy(targets, train(head, f)) as tf.Scalar;
          });
        }),
      dispose: () => {
        head.dispose();
        optimizer.dispose();
      },
    };
  },
};
