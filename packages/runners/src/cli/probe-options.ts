import { intFlag, positiveFlag } from './args';

/**
 * λ of the linear probe's L2 penalty (on the mean loss over standardised features), for every
 * representation alike. Chosen on a validation split of MNIST's training digits
 * (bench/probe-search.mjs, bench-results/probe-search.jsonl): scikit-learn's default C = 1 (λ = 1/n)
 * lets a 512-d probe fit its training features exactly and lose accuracy on new ones.
 * @internal
 */
export const PROBE_WEIGHT_DECAY = 2e-3;

/**
 * L-BFGS iterations of the linear probe at most, for every representation alike. Chosen on the
 * same validation split (bench/probe-search.mjs --max-iterations): with the main job's 960 probe
 * features, 50 iterations score as 100 do (the pretrained encoders within ±0.03) in half the time.
 * @internal
 */
export const PROBE_MAX_ITERATIONS = 50;

/**
 * The linear probe `tessera evaluate` fits, from `--probe-weight-decay` and
 * `--probe-max-iterations`: passed to `evaluateRepresentation` as `linear` and written to
 * evaluation.json as `linearProbe`.
 * @internal
 */
export function probeOptions(
  command: string,
  weightDecay: string | undefined,
  maxIterations?: string,
) {
  return {
    solver: 'lbfgs' as const,
    weightDecay: positiveFlag(command, 'probe-weight-decay', weightDecay, PROBE_WEIGHT_DECAY),
    maxIterations: intFlag(command, 'probe-max-iterations', maxIterations, PROBE_MAX_ITERATIONS),
  };
}
