import type * as tfl from '@tensorflow/tfjs-layers';
import type { ImageSource } from '@tessera/data';
import type { ImageData } from '../pretrain/types';
import type { FewShotOptions, FewShotResult } from './few-shot';
import type { KnnProtocolOptions, LinearProtocolOptions, Protocol } from './protocols';

/**
 * Labelled images: arrays in memory, or an `ImageSource` with labels (read batch by batch when
 * embedded; read whole only for the raw-pixel baseline). @category Evaluation
 */
export type LabelledImages =
  (ImageData & { labels: Int32Array }) | (ImageSource & { readonly labels: Int32Array });

/** Options of {@link evaluateRepresentation}. @category Evaluation */
export interface EvaluateOptions {
  /** The representation: images in [0, 1] → `[N, D]`. */
  encoder: tfl.LayersModel;
  /** Labelled images the kNN memory and the linear probe are fitted on. */
  train: LabelledImages;
  /** Labelled images the protocols are scored on (few-shot episodes are drawn from them). */
  test: LabelledImages;
  /** Default: all three. */
  protocols?: readonly Protocol[];
  /**
   * Representations measured beside the encoder in the same run: `'random-init'` (the encoder's
   * architecture, freshly initialised) and `'raw-pixels'`. Default `['random-init']`.
   */
  baselines?: ReadonlyArray<'random-init' | 'raw-pixels'>;
  /**
   * The `'random-init'` baseline itself, e.g. the encoder's weights before pretraining (the
   * PyTorch reference's baseline is its run's starting point). Where the representation is built
   * around that network (`jigsaw`'s tiles), the baseline is the representation with these weights
   * in it. Default: a fresh copy of the encoder's architecture (`fromConfig`, new random weights
   * drawn from `seed`). Not disposed.
   */
  randomInit?: tfl.LayersModel;
  /** Seed of the default random-init copy's weights (the same seed, the same baseline). Default `0`. */
  seed?: number;
  /** InstDisc's weighted kNN. Default `{k: 20, temperature: 0.07}`. */
  knn?: KnnProtocolOptions;
  /**
   * The linear probe on standardised features. Default: scikit-learn's `LogisticRegression()`
   * (C = 1, L-BFGS, 100 iterations); see {@link LinearProtocolOptions} for the PyTorch
   * reference's Adam probe.
   */
  linear?: LinearProtocolOptions;
  fewShot?: FewShotOptions;
  /**
   * How many of the encoder's last output features the linear probe alone reads: kNN and the
   * few-shot episodes use the others (the representation), the probe all of them — as DINO's
   * linear evaluation reads more of its network than its kNN. `withGridPool(encoder, 'max',
   * { appendMean: true, appendPreviousStage: true })` appends the last map's C channel means and
   * the previous stage's cells and means for this. The random-init
   * baseline (the same architecture) is split alike; raw pixels are not. Default `0`.
   */
  probeOnlyFeatures?: number;
  /**
   * How many of the encoder's first output features kNN and the few-shot episodes alone read: the
   * linear probe skips them and reads the rest. `withPowerReadout` puts a power-normalised copy of
   * the representation there (and `probeOnlyFeatures` then counts everything after it), so the
   * distance-based protocols read the square roots while the probe reads the features themselves.
   * The random-init baseline is split alike; raw pixels are not. Default `0`.
   */
  distanceOnlyFeatures?: number;
  /** Images per forward pass when embedding. Default `1000`. */
  batchSize?: number;
  /** Called as each representation and protocol finishes. */
  onProgress?: (message: string) => void;
}

/** One representation's scores. @category Evaluation */
export interface RepresentationScores {
  readonly name: 'pretrained' | 'random-init' | 'raw-pixels';
  /** Features of the representation (what kNN and few-shot read). */
  readonly dim: number;
  /** Features the linear probe read, when not the same as `dim` (`probeOnlyFeatures`, `distanceOnlyFeatures`). */
  readonly probeDim?: number;
  /** kNN test accuracy, 0–1. */
  readonly knn?: number;
  /** Linear-probe test accuracy, 0–1. */
  readonly linear?: number;
  readonly fewShot?: readonly FewShotResult[];
  /** Seconds to embed and to run each protocol. */
  readonly seconds: Readonly<Record<string, number>>;
}

/** What {@link evaluateRepresentation} returns. @category Evaluation */
export interface Evaluation {
  readonly rows: readonly RepresentationScores[];
  /** The rows as a plain-text table (percentages; few-shot as mean ± 95 % half-width). */
  readonly table: string;
}
