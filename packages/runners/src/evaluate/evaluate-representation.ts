import type * as tfl from '@tensorflow/tfjs-layers';
import { assertInteger, InvalidArgumentError, withSeededRandom } from '@tessera/core';
import { isImageSource } from '@tessera/data';
import { initSeed } from '../pretrain/seeds';
import { baselineOf } from './baseline-of';
import { embedImages } from './embed';
import { formatTable } from './format-table';
import { columnRange } from './leading-columns';
import { imageShapeOf, pixelsOf } from './labelled-data';
import { PROTOCOLS, type Protocol, type ProtocolScores } from './protocols';
import type { Evaluation, EvaluateOptions, RepresentationScores } from './evaluate-types';

export type { Protocol } from './protocols';
export { imageShapeOf } from './labelled-data';
export type {
  Evaluation,
  EvaluateOptions,
  LabelledImages,
  RepresentationScores,
} from './evaluate-types';

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
  const split = {
    probeOnly: options.probeOnlyFeatures ?? 0,
    distanceOnly: options.distanceOnlyFeatures ?? 0,
  };
  assertInteger(split.probeOnly, fn, 'probeOnlyFeatures', { min: 0 });
  assertInteger(split.distanceOnly, fn, 'distanceOnlyFeatures', { min: 0 });
  const outputDim = encoder.outputs[0]?.shape.at(-1);
  // checked again after embedding where the output width is known only then
  if (typeof outputDim === 'number') checkSplit(fn, split, outputDim);
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
    { probeOnly, distanceOnly } = { probeOnly: 0, distanceOnly: 0 },
  ) => {
    const seconds: Record<string, number> = {};
    let t = performance.now();
    const lap = (key: string) => {
      const now = performance.now();
      seconds[key] = (now - t) / 1000;
      t = now;
    };
    const [trainF, testF, width] = await features();
    checkSplit(fn, { probeOnly, distanceOnly }, width);
    // kNN and few-shot read the leading `dim` features, the probe all but the leading distanceOnly
    const dim = width - probeOnly;
    const probeDim = width - distanceOnly;
    const columns = (from: number, to: number) =>
      from === 0 && to === width
        ? { train: trainF, test: testF }
        : {
            train: columnRange(trainF, width, from, to),
            test: columnRange(testF, width, from, to),
          };
    const labels = { trainLabels: train.labels, testLabels: test.labels };
    const input = { ...columns(0, dim), dim, ...labels };
    const probeInput = { ...columns(distanceOnly, width), dim: probeDim, ...labels };
    lap('embed');
    const row: { -readonly [K in keyof RepresentationScores]: RepresentationScores[K] } = {
      name,
      dim,
      ...(probeOnly > 0 || distanceOnly > 0 ? { probeDim } : {}),
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
  await score('pretrained', () => embedBoth(encoder), split);
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
        await score('random-init', () => embedBoth(fresh), split);
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

/**
 * Throws unless the features the probe alone reads and those kNN and few-shot alone read leave each
 * side some of the encoder's `outputDim`.
 */
function checkSplit(
  fn: string,
  { probeOnly, distanceOnly }: { probeOnly: number; distanceOnly: number },
  outputDim: number,
): void {
  if (probeOnly >= outputDim)
    throw new InvalidArgumentError({
      functionName: fn,
      argument: 'probeOnlyFeatures',
      detail: `probeOnlyFeatures must leave features for the representation: the encoder outputs ${outputDim}, probeOnlyFeatures is ${probeOnly}.`,
    });
  if (distanceOnly >= outputDim || distanceOnly > outputDim - probeOnly)
    throw new InvalidArgumentError({
      functionName: fn,
      argument: 'distanceOnlyFeatures',
      detail: `distanceOnlyFeatures must leave features for the linear probe and lie within the representation's: the encoder outputs ${outputDim}, probeOnlyFeatures is ${probeOnly}, distanceOnlyFeatures is ${distanceOnly}.`,
    });
}
