import { episodeSampler } from '@tessera/data';
import {
  evaluateFlatEpisode,
  meanConfidenceInterval,
  type ConfidenceInterval,
} from '@tessera/metrics';

/** Options of the few-shot protocol. @category Evaluation */
export interface FewShotOptions {
  /** C: classes per episode. Default `5`. */
  ways?: number;
  /** K values to report. Default `[1, 5]`. */
  shots?: readonly number[];
  /** Queries per class. Default `15`. */
  queries?: number;
  /** Episodes per K. Default `600`. */
  episodes?: number;
  /** The test classes episodes are drawn from (held out from pretraining, ideally). Default: all. */
  classes?: readonly number[];
  /** Seed of the episodes (the same episodes for every representation). Default `12345`. */
  seed?: number;
}

/** Mean episode accuracy ± its 95 % interval for one K. @category Evaluation */
export interface FewShotResult extends ConfidenceInterval {
  readonly ways: number;
  readonly shots: number;
  readonly episodes: number;
}

/**
 * Prototypical few-shot evaluation of frozen features (L2-normalised): C-way K-shot episodes of the
 * given classes, prototypes = class means of the support, nearest prototype in squared Euclidean
 * distance; mean accuracy ± 1.96·std/√episodes. @internal
 */
export function fewShotAccuracy(
  features: Float32Array,
  dim: number,
  labels: Int32Array,
  {
    ways = 5,
    shots = [1, 5],
    queries = 15,
    episodes = 600,
    classes,
    seed = 12345,
  }: FewShotOptions = {},
): FewShotResult[] {
  const keep = classes ? new Set(classes) : null;
  const items = Int32Array.from(labels.keys()).filter(
    (i) => !keep || keep.has(labels[i] as number),
  );
  const itemLabels = Int32Array.from(items, (i) => labels[i] as number);
  const unit = new Float64Array(items.length * dim);
  items.forEach((item, r) => {
    let norm = 0;
    for (let d = 0; d < dim; d++) norm += (features[item * dim + d] as number) ** 2;
    const scale = 1 / Math.max(Math.sqrt(norm), 1e-12);
    for (let d = 0; d < dim; d++) unit[r * dim + d] = (features[item * dim + d] as number) * scale;
  });
  return shots.map((k) => {
    const sampler = episodeSampler({ labels: itemLabels, ways, shots: k, queries, seed });
    const accuracies = new Float64Array(episodes);
    const support = new Float64Array(ways * k * dim);
    const query = new Float64Array(ways * queries * dim);
    const gather = (rows: Int32Array, into: Float64Array) =>
      rows.forEach((row, i) => into.set(unit.subarray(row * dim, (row + 1) * dim), i * dim));
    for (let e = 0; e < episodes; e++) {
      const ep = sampler.sample();
      gather(ep.support, support);
      gather(ep.query, query);
      accuracies[e] = evaluateFlatEpisode(support, query, {
        ways,
        shots: k,
        queries,
        dim,
      }).accuracy;
    }
    return { ...meanConfidenceInterval(accuracies), ways, shots: k, episodes };
  });
}
