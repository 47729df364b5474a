import * as tfl from '@tensorflow/tfjs-layers';
import { chainOf } from '../internal/chain-of';
import { fail } from '../internal/fail';
import { GridAveragePooling2D, gridAveragePooling2d } from '../layers/grid-average-pooling';
import { GridMaxPooling2D, gridMaxPooling2d } from '../layers/grid-max-pooling';
import type { GridPool } from './conv-encoder';

/** Layers after which a map is smaller: the stage boundaries `appendPreviousStage` looks for. */
const DOWNSAMPLERS = new Set(['MaxPooling2D', 'AveragePooling2D']);

/** The name of the pooling that `appendPreviousStage` adds (probe-only features). */
export const PREVIOUS_STAGE_POOL = 'previous_stage_grid_pool';

const POOLS = new Set([
  GridAveragePooling2D.className,
  GridMaxPooling2D.className,
  'GlobalAveragePooling2D',
]);

/**
 * The encoder with its last pooling — a grid or global average or a grid max, as
 * {@link convEncoder} ends — summarising each of the same cells by `pool` instead: the same
 * layers and weights (shared, not copied), read out another way. A network trained with averaged
 * cells can be read by their largest values: whether a feature appears in a cell rather than how
 * much of the cell it fills, which keeps thin strokes as strong as thick ones. The encoder must be
 * a chain of layers (nested chains are flattened into the new model). Dispose one of the two
 * models, not both.
 *
 * With `appendMean`, the pooling also appends the map's global average after the cells
 * (`[N, (grid·grid + 1)·C]`), still one layer, so the model stays a chain that
 * `inferenceFunction` folds: more of the map for a linear probe (as DINO's linear evaluation
 * reads more of its network than its kNN).
 *
 * With `appendPreviousStage`, the map that enters the encoder's last downsampling (a max or
 * average pooling before the grid) is read out too — its cells by the same `pool` and grid, then
 * its global average — and appended after everything else, by a pooling named
 * {@link PREVIOUS_STAGE_POOL}: features a linear probe can weigh (finer strokes, at twice the
 * resolution) while the leading `grid·grid·C` stay the representation. The model then branches;
 * `inferenceFunction` still folds it.
 *
 * @param encoder - A chain of layers ending, at some point, in a grid or global pooling.
 * @param pool - `'max'` or `'average'`.
 * @param options - `appendMean`: append the map's global average (default `false`);
 *   `appendPreviousStage`: append the previous stage's cells and mean (default `false`).
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} when the encoder is
 *   not a chain, has no such pooling, or `pool` is neither, or `appendPreviousStage` finds no
 *   downsampling before the pooling.
 * @example
 * ```ts
 * const readout = withGridPool(encoder, 'max');
 * const features = readout.predict(images);
 * const forProbe = withGridPool(encoder, 'max', { appendMean: true }); // + C global means
 * // + the previous stage's grid·grid·C' cells and C' means
 * const wider = withGridPool(encoder, 'max', { appendMean: true, appendPreviousStage: true });
 * ```
 * @category Encoders
 */
export function withGridPool(
  encoder: tfl.LayersModel,
  pool: GridPool,
  {
    appendMean = false,
    appendPreviousStage = false,
  }: { appendMean?: boolean; appendPreviousStage?: boolean } = {},
): tfl.LayersModel {
  const fn = 'withGridPool';
  if (pool !== 'average' && pool !== 'max')
    fail(fn, 'pool', `pool must be 'average' or 'max', got ${String(pool)}.`);
  const layers = chainOf(encoder);
  if (!layers)
    fail(
      fn,
      'encoder',
      'the encoder must be a chain of layers (one input, each layer feeding the next).',
    );
  const at = layers.map((l) => POOLS.has(l.getClassName())).lastIndexOf(true);
  if (at < 0)
    fail(
      fn,
      'encoder',
      'the encoder has no grid or global average pooling to read out another way.',
    );
  const grid = (layers[at] as unknown as { grid?: number }).grid ?? 1;
  const tap = appendPreviousStage
    ? layers
        .slice(0, at)
        .map((l) => DOWNSAMPLERS.has(l.getClassName()))
        .lastIndexOf(true)
    : -1;
  if (appendPreviousStage && tap < 0)
    fail(
      fn,
      'options',
      'appendPreviousStage needs a max or average pooling before the grid pooling: the encoder has one stage.',
    );
  const gridPool = pool === 'max' ? gridMaxPooling2d : gridAveragePooling2d;
  const input = tfl.input({ shape: encoder.inputs[0]!.shape.slice(1) as number[] });
  let x = input;
  let previous: tfl.SymbolicTensor | undefined;
  layers.forEach((layer, i) => {
    if (layer.getClassName() === 'InputLayer') return;
    if (i === tap) previous = x;
    const next = i === at ? gridPool({ grid, appendMean }) : layer;
    x = next.apply(x) as tfl.SymbolicTensor;
  });
  if (previous) {
    const earlier = gridPool({ grid, appendMean: true, name: PREVIOUS_STAGE_POOL }).apply(previous);
    x = tfl.layers
      .concatenate({ axis: -1 })
      .apply([x, earlier as tfl.SymbolicTensor]) as tfl.SymbolicTensor;
  }
  return tfl.model({ inputs: input, outputs: x, name: encoder.name });
}
