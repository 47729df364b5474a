import type { LayerInit } from '@tessera/models';
import { InvalidArgumentError } from '@tessera/core';

/**
 * Which framework's defaults a run's layers and optimizer start from: `'tfjs'` (Keras's: Glorot
 * normal kernels truncated at 2σ, zero biases, batch-norm ε 1e-3, Adam ε 1e-7) or `'pytorch'`
 * (kernels and biases U(±1/√fan_in), batch-norm ε 1e-5, Adam ε 1e-8) — the reference run's, for a
 * run meant to start where a PyTorch one does.
 * @category Training
 */
export type FrameworkDefaults = LayerInit;

/** The numbers behind a {@link FrameworkDefaults}. @internal */
export interface DefaultsValues {
  init: LayerInit;
  batchNormEpsilon: number;
  /** Of the heads' batch norms, as TF.js counts it (0.9 is PyTorch's `momentum=0.1`). */
  headBatchNormMomentum: number;
  adamEpsilon: number;
}

const VALUES: Record<FrameworkDefaults, DefaultsValues> = {
  tfjs: { init: 'tfjs', batchNormEpsilon: 1e-3, headBatchNormMomentum: 0.99, adamEpsilon: 1e-7 },
  pytorch: {
    init: 'pytorch',
    batchNormEpsilon: 1e-5,
    headBatchNormMomentum: 0.9,
    adamEpsilon: 1e-8,
  },
};

/** Checks `defaults` and returns its numbers. @internal */
export function defaultsValues(defaults: unknown, functionName: string): DefaultsValues {
  if (defaults !== 'tfjs' && defaults !== 'pytorch')
    throw new InvalidArgumentError({
      functionName,
      argument: 'defaults',
      detail: `defaults must be 'tfjs' or 'pytorch', got ${JSON.stringify(defaults)}.`,
    });
  return VALUES[defaults];
}
