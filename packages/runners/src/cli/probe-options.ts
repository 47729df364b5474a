import { positiveFlag } from './args';

/**
 * λ of the linear probe's L2 penalty (on the mean loss over standardised features), for every
 * representation alike. Chosen on a validation split of MNIST's training digits
 * (bench/probe-search.mjs, bench-results/probe-search.jsonl): scikit-learn's default C = 1 (λ = 1/n)
 * lets a 512-d probe fit its training features exactly and lose accuracy on new ones.
 * @internal
 */
export const PROBE_WEIGHT_DECAY = 2e-3;

/**
 * The linear probe `tessera evaluate` fits, from `--probe-weight-decay`: passed to
 * `evaluateRepresentation` as `linear` and written to evaluation.json as `linearProbe`.
 * @internal
 */
export function probeOptions(command: string, weightDecay: string | undefined) {
  return {
    solver: 'lbfgs' as const,
    weightDecay: positiveFlag(command, 'probe-weight-decay', weightDecay, PROBE_WEIGHT_DECAY),
    maxIterations: 100,
  };
}
