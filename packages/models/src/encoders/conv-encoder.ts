import * as tfl from '@tensorflow/tfjs-layers';
import { assertCount, fail } from '../internal/fail';
import { readImageShape } from '../internal/read-image-shape';
import { batchNormalization } from '../layers/batch-normalization';
import { conv2d } from '../layers/conv2d';
import { globalAveragePooling2d } from '../layers/global-average-pooling';
import { gridAveragePooling2d } from '../layers/grid-average-pooling';
import { gridMaxPooling2d } from '../layers/grid-max-pooling';
import { assertLayerInit, layerInitializers, type LayerInit } from '../layers/layer-init';
import { reLU } from '../layers/relu';

/** Options of {@link convEncoder}. */
export interface ConvEncoderOptions {
  /** `[height, width, channels]` of the input images. */
  inputShape: readonly [number, number, number];
  /** Filters of the 3×3 convolutions; a 2×2 max-pool follows every second one but the last. Default `[32, 64, 128]`. */
  filters?: readonly number[];
  /**
   * Indices of the convolutions a 2×2 max-pool follows. Default: every second one but the last
   * (`[1]` for three convolutions).
   */
  downsample?: readonly number[];
  /**
   * Cells per side of the final average pooling: `1` is global average pooling (`filters[last]`
   * features); `g > 1` averages the last feature map over a `g × g` grid of cells and flattens it
   * (`g²·filters[last]` features), keeping where things are — the windows of PyTorch's
   * `adaptive_avg_pool2d`. Default `1`.
   */
  grid?: number;
  /**
   * How each cell of the final pooling is summarised: `'average'` (its mean) or `'max'` (its
   * largest value per channel, PyTorch's `adaptive_max_pool2d`: whether a feature appears in the
   * cell, not how much of the cell it fills). Default `'average'`.
   */
  gridPool?: GridPool;
  /** A final dense layer to this many units; without it the output is the pooled features. */
  embeddingDim?: number;
  /** Batch normalisation after each convolution. Default `true`. */
  batchNorm?: boolean;
  /**
   * Keras momentum of the batch-norm running averages (`running ← m·running + (1 − m)·batch`).
   * Default `0.99` (Keras); PyTorch's `momentum=0.1` is `0.9` here.
   */
  batchNormMomentum?: number;
  /** ε added to the batch variance. Default `1e-3` (Keras); PyTorch's is `1e-5`. */
  batchNormEpsilon?: number;
  /**
   * Initial weights: `'tfjs'`, TF.js's defaults (kernels Glorot normal truncated at 2σ, biases
   * zero), or `'pytorch'`, those of `torch.nn.Conv2d` and `nn.Linear` (kernels, and the biases
   * there are without batch norm, U(±1/√fan_in) with fan_in = 3·3·c_in for a convolution), for an
   * encoder that starts where a PyTorch reference's does. Default `'tfjs'`.
   */
  init?: LayerInit;
  /** Initialiser of the convolution kernels, in place of `init`'s. */
  kernelInitializer?: KernelInitializer;
  /** Model name. Default `'conv_encoder'`. */
  name?: string;
}

/** How {@link convEncoder}'s final pooling summarises each cell. */
export type GridPool = 'average' | 'max';

/** What a convolution's `kernelInitializer` accepts: a TF.js initializer or its name. */
export type KernelInitializer = NonNullable<
  Parameters<typeof tfl.layers.conv2d>[0]['kernelInitializer']
>;

/**
 * The small CNN of the benchmarks (the encoder of `bench_torch.py`'s SimCLR step): 3×3 `same`
 * convolutions with ReLU (and batch norm), 2×2 max-pools after the convolutions `downsample`
 * names (by default every second one but the last), average pooling — global, or over a
 * `grid × grid` grid of cells that keeps where features are — and an optional dense embedding.
 * With the defaults on 28×28×1: conv32 → conv64 → pool → conv128 → GAP = 128 features (92 672
 * parameters without batch norm); `{ downsample: [0, 1], grid: 2 }` pools after the first two
 * convolutions (a quarter of the multiply-adds) and keeps a 2×2 grid of the 7×7 map: 512 features.
 *
 * @returns A `tf.LayersModel` `[N, H, W, C]` → `[N, embeddingDim ?? filters[last]]`.
 * @example
 * ```ts
 * const encoder = convEncoder({ inputShape: [28, 28, 1], embeddingDim: 64 });
 * ```
 * @category Encoders
 */
export function convEncoder({
  inputShape,
  filters = [32, 64, 128],
  downsample,
  grid = 1,
  gridPool = 'average',
  embeddingDim,
  batchNorm = true,
  batchNormMomentum = 0.99,
  batchNormEpsilon = 1e-3,
  init = 'tfjs',
  kernelInitializer,
  name = 'conv_encoder',
}: ConvEncoderOptions): tfl.LayersModel {
  const fn = 'convEncoder';
  readImageShape(inputShape, 0, fn);
  assertLayerInit(init, fn);
  if (!Array.isArray(filters) || filters.length === 0)
    fail(fn, 'filters', 'filters must be a non-empty array of positive integers.');
  filters.forEach((f, i) => assertCount(f, fn, `filters[${i}]`));
  if (embeddingDim !== undefined) assertCount(embeddingDim, fn, 'embeddingDim');
  if (!(batchNormMomentum >= 0 && batchNormMomentum < 1))
    fail(fn, 'batchNormMomentum', `batchNormMomentum must be in [0, 1), got ${batchNormMomentum}.`);
  if (!(batchNormEpsilon > 0))
    fail(fn, 'batchNormEpsilon', `batchNormEpsilon must be positive, got ${batchNormEpsilon}.`);
  const poolAfter = new Set(
    downsample ?? filters.flatMap((_, i) => (i % 2 === 1 && i < filters.length - 1 ? [i] : [])),
  );
  if (downsample !== undefined)
    downsample.forEach((d, i) => {
      if (!(Number.isInteger(d) && d >= 0 && d < filters.length))
        fail(
          fn,
          'downsample',
          `downsample[${i}] must be the index of a convolution (0–${filters.length - 1}), got ${d}.`,
        );
    });
  assertCount(grid, fn, 'grid');
  if (gridPool !== 'average' && gridPool !== 'max')
    fail(fn, 'gridPool', `gridPool must be 'average' or 'max', got ${String(gridPool)}.`);
  const [outH, outW] = [inputShape[0] >> poolAfter.size, inputShape[1] >> poolAfter.size];
  if (outH < grid || outW < grid) {
    fail(
      fn,
      'inputShape',
      `inputShape ${inputShape[0]}×${inputShape[1]} is too small for ${poolAfter.size} 2×2 max-pool(s) and a ${grid}×${grid} grid.`,
    );
  }
  const input = tfl.input({ shape: [...inputShape] });
  let x = input as tfl.SymbolicTensor;
  filters.forEach((f, i) => {
    const channelsIn = i === 0 ? inputShape[2] : filters[i - 1]!;
    x = conv2d({
      filters: f,
      kernelSize: 3,
      padding: 'same',
      useBias: !batchNorm,
      ...layerInitializers(init, 9 * channelsIn),
      ...(kernelInitializer === undefined ? {} : { kernelInitializer }),
      name: `${name}_conv${i + 1}`,
    }).apply(x) as tfl.SymbolicTensor;
    if (batchNorm)
      x = batchNormalization({
        name: `${name}_bn${i + 1}`,
        momentum: batchNormMomentum,
        epsilon: batchNormEpsilon,
      }).apply(x) as tfl.SymbolicTensor;
    x = reLU().apply(x) as tfl.SymbolicTensor;
    if (poolAfter.has(i))
      x = tfl.layers.maxPooling2d({ poolSize: 2 }).apply(x) as tfl.SymbolicTensor;
  });
  const pool =
    gridPool === 'max'
      ? gridMaxPooling2d({ grid })
      : grid === 1
        ? globalAveragePooling2d()
        : gridAveragePooling2d({ grid });
  x = pool.apply(x) as tfl.SymbolicTensor;
  if (embeddingDim !== undefined)
    x = tfl.layers
      .dense({
        units: embeddingDim,
        name: `${name}_embedding`,
        ...layerInitializers(init, grid * grid * filters[filters.length - 1]!),
      })
      .apply(x) as tfl.SymbolicTensor;
  return tfl.model({ inputs: input, outputs: x, name });
}
