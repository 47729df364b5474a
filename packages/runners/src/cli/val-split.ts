import { randomSplit, subset, type ImageSource } from '@tessera/data';
import { deriveSeed, SALT } from '../pretrain/seeds';
import type { LabelledImages } from '../evaluate/evaluate-representation';
import { DATA_FLAGS, openData } from './open-data';
import { UsageError } from './args';

/** What a run's config.json records of `--val-split`, so that `evaluate` can redo the split. @internal */
export interface ValSplitRecord {
  /** The fraction held out of pretraining. */
  readonly fraction: number;
  /** Seed of `randomSplit` (stratified by class). */
  readonly seed: number;
  /** Images held out. */
  readonly images: number;
  /** The data flags the images were opened with (`--data`, `--format`, `--classes`, …). */
  readonly dataFlags: Readonly<Record<string, string>>;
}

/** Reads `--val-split` as a fraction in (0, 1), e.g. `0.1` or `10%`. @internal */
export function valSplitFlag(command: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d*\.?\d+)(%?)$/.exec(value.trim());
  const f = m ? Number(m[1]) / (m[2] ? 100 : 1) : NaN;
  if (!(f > 0 && f < 1))
    throw new UsageError(
      `tessera ${command}: --val-split must be a fraction in (0, 1) such as 0.1 or 10%, got ${JSON.stringify(value)}.`,
    );
  return f;
}

/**
 * Holds `fraction` of the labelled images out of pretraining, stratified by class and seeded from
 * the run's seed: returns the part pretraining sees and what config.json records. @internal
 */
export function holdOutValidation(
  command: string,
  source: ImageSource,
  fraction: number,
  runSeed: number,
  flags: Partial<Record<string, string | boolean>>,
): { pretrainOn: ImageSource; record: ValSplitRecord } {
  if (!source.labels)
    throw new UsageError(
      `tessera ${command}: --val-split needs labelled images (tessera evaluate scores the held-out part with its labels); ${source.description} has none.`,
    );
  const seed = deriveSeed(runSeed, 0, SALT.valSplit);
  const { train, validation } = split(command, source, fraction, seed);
  const dataFlags: Record<string, string> = {};
  for (const name of ['dataset', ...Object.keys(DATA_FLAGS)])
    if (typeof flags[name] === 'string') dataFlags[name] = flags[name] as string;
  return {
    pretrainOn: subset(source, train),
    record: { fraction, seed, images: validation.length, dataFlags },
  };
}

/**
 * The labelled images `evaluate` scores a run pretrained with `--val-split` on: the data reopened
 * with the run's flags and split again — the pretraining part fits the kNN memory and the probe,
 * the held-out part is scored. @internal
 */
export async function validationData(command: string, record: ValSplitRecord) {
  const { source } = await openData(command, record.dataFlags);
  const { train, validation } = split(command, source, record.fraction, record.seed);
  if (validation.length !== record.images)
    throw new UsageError(
      `tessera ${command}: the run held out ${record.images} images, but its data (${source.description}) now gives ${validation.length}: the data changed since pretraining; pass --train and --test.`,
    );
  // each part a labelled source, embedded batch by batch
  const part = (indices: Int32Array) => subset(source, indices) as LabelledImages;
  return { train: part(train), test: part(validation) };
}

function split(command: string, source: ImageSource, fraction: number, seed: number) {
  try {
    return randomSplit(source.size, fraction, { labels: source.labels!, seed });
  } catch (e) {
    throw new UsageError(`tessera ${command}: --val-split: ${(e as Error).message}`);
  }
}
