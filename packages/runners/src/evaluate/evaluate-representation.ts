import type * as tfl from '@tensorflow/tfjs-layers';
import { assertInteger, InvalidArgumentError, withSeededRandom } from '@tessera/core';
import { isImageSource, type ImageSource } from '@tessera/data';
import type { ImageData } from '../pretrain/types';
import { initSeed } from '../pretrain/seeds';
import { baselineOf } from './baseline-of';
import { embedImages } from './embed';
import { formatTable } from './format-table';
import { leadingColumns } from './leading-columns';
import { imageShapeOf, pixelsOf } from './labelled-data';
import type { FewShotOptions, FewShotResult } from './few-shot';
import {
  PROTOCOLS,
  type KnnProtocolOptions,
  type LinearProtocolOptions,
  type Protocol,
  type ProtocolScores,
} from './protocols';

export type { Protocol } from './protocols';
export { imageShapeOf } from './labelled-data';

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
  /** Features the linear probe read, when more than `dim` (`probeOnlyFeatures`). */
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

/**
 * Scores a frozen representation with the protocols of self-supervised learning, beside baselines
 * measured in the same run so the table shows what pretraining bought:
 * - `knn`: InstDisc's weighted kNN (k = 20, σ = 0.07) of test features among the train features;
 * - `linear`: multinomial logistic regression on standardised train features (scikit-learn's
 *   `LogisticRegression()`: C = 1, L-BFGS, 100 iterations), scored on the test features;
 * - `few-shot`: prototypical C-way K-shot episodes of the test images (L2-normalised features).
 * Features are computed once per representation in inference mode; the protocols receive arrays
 * only, so no gradient can reach the encoder.
 * @example
 * ```ts
 * const { table } = await evaluateRepresentation({ encoder, train, test, fewShot: { classes: [5, 6, 7, 8, 9] } });
 * console.log(table);
 * ```
 * @category Evaluation
 */
export async function evaluateRepresentation(options: EvaluateOptions): Promise<Evaluation> {
  const fn = 'evaluateRepresentation';
  const { encoder, train, test } = options;
  const protocols = options.protocols ?? (Object.keys(PROTOCOLS) as Protocol[]);
  if (options.seed !== undefined) assertInteger(options.seed, fn, 'seed');
  const probeOnly = options.probeOnlyFeatures ?? 0;
  assertInteger(probeOnly, fn, 'probeOnlyFeatures', { min: 0 });
  const outputDim = encoder.outputs[0]?.shape.at(-1);
  // checked again after embedding where the output width is known only then
  if (typeof outputDim === 'number') checkProbeOnly(fn, probeOnly, outputDim);
  for (const [argument, d] of [
    ['train', train],
    ['test', test],
  ] as const)
    if (!d?.labels || d.labels.length !== (isImageSource(d) ? d.size : d.images && d.shape?.[0]))
      throw new InvalidArgumentError({
        functionName: fn,
        argument,
        detail: `${argument} must be labelled images — { images, shape, labels } or an ImageSource with labels — with one label per image.`,
      });
  for (const p of protocols)
    if (!Object.hasOwn(PROTOCOLS, p))
      throw new InvalidArgumentError({
        functionName: fn,
        argument: 'protocols',
        detail: `protocols must be ${Object.keys(PROTOCOLS)
          .map((k) => `'${k}'`)
          .join(', ')}, got ${JSON.stringify(p)}.`,
      });
  const rows: RepresentationScores[] = [];
  const say = options.onProgress ?? (() => {});
  const optionsOf = {
    knn: options.knn ?? {},
    linear: options.linear ?? {},
    'few-shot': options.fewShot ?? {},
  } satisfies Record<Protocol, object>;
  const score = async (
    name: RepresentationScores['name'],
    features: () => Promise<[Float32Array, Float32Array, number]>,
    probeOnlyFeatures = 0,
  ) => {
    const seconds: Record<string, number> = {};
    let t = performance.now();
    const lap = (key: string) => {
      const now = performance.now();
      seconds[key] = (now - t) / 1000;
      t = now;
    };
    const [trainF, testF, probeDim] = await features();
    checkProbeOnly(fn, probeOnlyFeatures, probeDim);
    const dim = probeDim - probeOnlyFeatures;
    const probeInput = {
      train: trainF,
      test: testF,
      dim: probeDim,
      trainLabels: train.labels,
      testLabels: test.labels,
    };
    const input =
      probeOnlyFeatures > 0
        ? {
            ...probeInput,
            train: leadingColumns(trainF, probeDim, dim),
            test: leadingColumns(testF, probeDim, dim),
            dim,
          }
        : probeInput;
    lap('embed');
    const row: { -readonly [K in keyof RepresentationScores]: RepresentationScores[K] } = {
      name,
      dim,
      ...(probeOnlyFeatures > 0 ? { probeDim } : {}),
      seconds,
    };
    for (const protocol of Object.keys(PROTOCOLS) as Protocol[]) {
      if (!protocols.includes(protocol)) continue;
      const spec = PROTOCOLS[protocol] as {
        run(i: typeof input, o: object): Promise<ProtocolScores>;
        describe(s: ProtocolScores): string;
      };
      const scores = await spec.run(
        protocol === 'linear' ? probeInput : input,
        optionsOf[protocol],
      );
      Object.assign(row, scores);
      lap(protocol === 'few-shot' ? 'fewShot' : protocol);
      say(`${name}: ${spec.describe(scores)}`);
    }
    rows.push(row);
  };
  const embedBoth = async (
    model: tfl.LayersModel,
  ): Promise<[Float32Array, Float32Array, number]> => {
    const a = await embedImages(model, train, { batchSize: options.batchSize ?? 1000 });
    const b = await embedImages(model, test, { batchSize: options.batchSize ?? 1000 });
    return [a.features, b.features, a.dim];
  };
  await score('pretrained', () => embedBoth(encoder), probeOnly);
  for (const baseline of options.baselines ?? ['random-init']) {
    if (baseline === 'random-init') {
      const cls = encoder.constructor as unknown as {
        fromConfig: (c: unknown, config: unknown) => tfl.LayersModel;
      };
      const given = options.randomInit && baselineOf(encoder, options.randomInit);
      const fresh =
        given?.model ??
        withSeededRandom(initSeed(options.seed ?? 0, 2), () =>
          cls.fromConfig(encoder.constructor, encoder.getConfig()),
        );
      try {
        await score('random-init', () => embedBoth(fresh), probeOnly);
      } finally {
        if (!given || given.owned) fresh.dispose();
      }
    } else {
      await score('raw-pixels', async () => [
        await pixelsOf(train),
        await pixelsOf(test),
        imageShapeOf(train).reduce((a, b) => a * b, 1),
      ]);
    }
  }
  return { rows, table: formatTable(rows) };
}

/** Throws unless `probeOnly` features leave some of the encoder's `outputDim` to the representation. */
function checkProbeOnly(fn: string, probeOnly: number, outputDim: number): void {
  if (probeOnly >= outputDim)
    throw new InvalidArgumentError({
      functionName: fn,
      argument: 'probeOnlyFeatures',
      detail: `probeOnlyFeatures must leave features for the representation: the encoder outputs ${outputDim}, probeOnlyFeatures is ${probeOnly}.`,
    });
}
