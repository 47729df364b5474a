import * as tf from '@tensorflow/tfjs-core';
import { knnAccuracyAsync, linearProbe } from '@tessera/metrics';
import { standardize } from './standardize';
import { fewShotAccuracy, type FewShotOptions, type FewShotResult } from './few-shot';

/** Options of the kNN protocol: InstDisc's weighted kNN. @category Evaluation */
export interface KnnProtocolOptions {
  /** Neighbours that vote. Default `20`. */
  k?: number;
  /** σ of the vote weight exp(cos / σ). Default `0.07`. */
  temperature?: number;
}

/**
 * Options of the linear probe: multinomial logistic regression on standardised features (train
 * mean and population std, as scikit-learn's `StandardScaler`). The default is scikit-learn's
 * `LogisticRegression()`: L2 penalty with C = 1 (`weightDecay` 1/n), L-BFGS, at most 100
 * iterations. `{ solver: 'adam', epochs: 30, batchSize: 256, learningRate: 1e-3, weightDecay: 0 }`
 * is the PyTorch reference's mini-batch probe.
 * @category Evaluation
 */
export interface LinearProtocolOptions {
  /** Default `'lbfgs'`. */
  solver?: 'lbfgs' | 'adam';
  /** L-BFGS iterations at most. Default `100` (scikit-learn's `max_iter`). */
  maxIterations?: number;
  /** λ of the L2 penalty λ/2·‖W‖² on the mean loss. Default `1/n` (scikit-learn's C = 1). */
  weightDecay?: number;
  /** Adam: passes over the data. Default `30`. */
  epochs?: number;
  /** Adam: step size. Default `1e-3`. */
  learningRate?: number;
  /** Adam: rows per step. Default `256`. */
  batchSize?: number;
  /** Adam: seed of the row shuffle. Default `0`. */
  seed?: number;
}

/** Features of one representation, and the labelled sets they come from. @internal */
export interface ProtocolInput {
  readonly train: Float32Array;
  readonly test: Float32Array;
  readonly dim: number;
  readonly trainLabels: Int32Array;
  readonly testLabels: Int32Array;
}

/** What the protocols add to a representation's row. @internal */
export interface ProtocolScores {
  knn?: number;
  linear?: number;
  fewShot?: readonly FewShotResult[];
}

interface ProtocolSpec<Options> {
  run(input: ProtocolInput, options: Options): Promise<ProtocolScores>;
  /** One line for progress messages. */
  describe(scores: ProtocolScores): string;
}

const pct = (v: number | undefined) => `${(100 * (v ?? NaN)).toFixed(2)} %`;

/**
 * The evaluation protocols by name: each scores features (arrays, never the encoder) and says
 * what it found. `evaluateRepresentation` runs the ones asked for, in this order.
 * @internal
 */
export const PROTOCOLS = {
  knn: {
    async run({ train, test, dim, trainLabels, testLabels }, { k = 20, temperature = 0.07 }) {
      const [a, b] = [
        tf.tensor2d(train, [trainLabels.length, dim]),
        tf.tensor2d(test, [testLabels.length, dim]),
      ];
      try {
        const r = await knnAccuracyAsync(a, trainLabels, b, testLabels, { k, temperature });
        return { knn: r.accuracy };
      } finally {
        tf.dispose([a, b]);
      }
    },
    describe: (s) => `kNN ${pct(s.knn)}`,
  } satisfies ProtocolSpec<KnnProtocolOptions>,
  linear: {
    async run({ train, test, dim, trainLabels, testLabels }, options) {
      const { train: a, test: b, dim: columns } = standardize(train, test, dim);
      const n = trainLabels.length;
      const { solver = 'lbfgs', weightDecay = solver === 'lbfgs' ? 1 / n : 0 } = options;
      const xa = tf.tensor2d(a, [n, columns]);
      const xb = tf.tensor2d(b, [testLabels.length, columns]);
      try {
        const r = await linearProbe(xa, trainLabels, xb, testLabels, {
          solver,
          weightDecay,
          maxIterations: options.maxIterations ?? 100,
          epochs: options.epochs ?? 30,
          learningRate: options.learningRate ?? 1e-3,
          batchSize: options.batchSize ?? 256,
          seed: options.seed ?? 0,
        });
        return { linear: r.testAccuracy };
      } finally {
        tf.dispose([xa, xb]);
      }
    },
    describe: (s) => `linear probe ${pct(s.linear)}`,
  } satisfies ProtocolSpec<LinearProtocolOptions>,
  'few-shot': {
    run: async ({ test, dim, testLabels }, options) => ({
      fewShot: fewShotAccuracy(test, dim, testLabels, options),
    }),
    describe: (s) =>
      `few-shot ${(s.fewShot ?? []).map((r) => `${r.ways}-way ${r.shots}-shot ${pct(r.mean)}`).join(', ')}`,
  } satisfies ProtocolSpec<FewShotOptions>,
};

/** The protocols of {@link evaluateRepresentation}. @category Evaluation */
export type Protocol = keyof typeof PROTOCOLS;
