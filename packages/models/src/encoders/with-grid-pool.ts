import * as tfl from '@tensorflow/tfjs-layers';
import { chainOf } from '../internal/chain-of';
import { fail } from '../internal/fail';
import { GridAveragePooling2D, gridAveragePooling2d } from '../layers/grid-average-pooling';
import { GridMaxPooling2D, gridMaxPooling2d } from '../layers/grid-max-pooling';
import type { GridPool } from './conv-encoder';

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
 * @param encoder - A chain of layers ending, at some point, in a grid or global pooling.
 * @param pool - `'max'` or `'average'`.
 * @param options - `appendMean`: append the map's global average (default `false`).
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} when the encoder is
 *   not a chain, has no such pooling, or `pool` is neither.
 * @example
 * ```ts
 * const readout = withGridPool(encoder, 'max');
 * const features = readout.predict(images);
 * const forProbe = withGridPool(encoder, 'max', { appendMean: true }); // + C global means
 * ```
 * @category Encoders
 */
export function withGridPool(
  encoder: tfl.LayersModel,
  pool: GridPool,
  { appendMean = false }: { appendMean?: boolean } = {},
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
  const input = tfl.input({ shape: encoder.inputs[0]!.shape.slice(1) as number[] });
  let x = input;
  layers.forEach((layer, i) => {
    if (layer.getClassName() === 'InputLayer') return;
    const next =
      i === at
        ? (pool === 'max' ? gridMaxPooling2d : gridAveragePooling2d)({ grid, appendMean })
        : layer;
    x = next.apply(x) as tfl.SymbolicTensor;
  });
  return tfl.model({ inputs: input, outputs: x, name: encoder.name });
}
