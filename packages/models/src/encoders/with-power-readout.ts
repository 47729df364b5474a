import * as tfl from '@tensorflow/tfjs-layers';
import { fail } from '../internal/fail';
import { LeadingPower } from '../layers/leading-power';

/** The name of the layer {@link withPowerReadout} appends. */
export const POWER_READOUT = 'power_readout';

/** Options of {@link withPowerReadout}. @category Encoders */
export interface PowerReadoutOptions {
  /** How many leading features to read. Default: all of them. */
  features?: number;
  /** p of `sign(f)·|f|^p`, in (0, 1]. Default `0.5` (the square root). */
  exponent?: number;
  /**
   * Transform the leading features in place (`[N, D]` → `[N, D]`) instead of putting a copy in
   * front: every reader of the output, a linear probe included, sees them power-normalised.
   * Default `false`.
   */
  replace?: boolean;
}

/**
 * The encoder with a power-normalised copy of its leading features in front of its output:
 * `[N, D]` → `[N, k + D]`, the first `k` being `sign(f)·|f|^p` of the features `f₁ … f_k` and the
 * other `D` the encoder's output unchanged, by one layer named {@link POWER_READOUT}.
 *
 * A network's non-negative features (pooled ReLU maps) are heavy-tailed: a few large activations
 * dominate cosine distances. The square root evens them out without centring — the power
 * normalisation of Fisher vectors (Perronnin et al. 2010), and of features for few-shot transfer
 * (Hu et al. 2021) — so distances stay meaningful on images of classes whose mean the
 * statistics of the pretraining images do not describe. A linear probe reads the unchanged `D`;
 * distance-based protocols the first `k`. With `replace` the output stays `[N, D]`, its first `k`
 * transformed in place, so every reader — a linear probe too — sees them power-normalised. The
 * new model shares the encoder's layers: dispose one of the two, not both.
 *
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} when the encoder's
 *   output is not `[N, D]`, `features` is not an integer in [1, D], `exponent` is not in (0, 1],
 *   or `replace` is not a boolean.
 * @example
 * ```ts
 * const read = withPowerReadout(encoder, { features: 512 }); // [N, 512 + D]
 * const all = withPowerReadout(encoder, { replace: true }); // [N, D], every feature square-rooted
 * ```
 * @category Encoders
 */
export function withPowerReadout(
  encoder: tfl.LayersModel,
  { features, exponent = 0.5, replace = false }: PowerReadoutOptions = {},
): tfl.LayersModel {
  const fn = 'withPowerReadout';
  const shape = encoder.outputs[0]!.shape;
  const d = shape[1];
  if (encoder.outputs.length !== 1 || shape.length !== 2 || typeof d !== 'number')
    fail(
      fn,
      'encoder',
      `the encoder must output [N, D] features, got [${shape.map((s) => s ?? 'N').join(', ')}].`,
    );
  const k = features ?? d;
  if (!Number.isInteger(k) || k < 1 || k > d)
    fail(
      fn,
      'features',
      `features must be an integer in [1, ${d}], got ${JSON.stringify(features)}.`,
    );
  if (typeof exponent !== 'number' || !(exponent > 0 && exponent <= 1))
    fail(fn, 'exponent', `exponent must be in (0, 1], got ${JSON.stringify(exponent)}.`);
  if (typeof replace !== 'boolean')
    fail(fn, 'replace', `replace must be true or false, got ${JSON.stringify(replace)}.`);
  const layer = new LeadingPower({ features: k, exponent, replace, name: POWER_READOUT });
  const output = layer.apply(encoder.outputs[0]!) as tfl.SymbolicTensor;
  return tfl.model({ inputs: encoder.inputs, outputs: output, name: encoder.name });
}
