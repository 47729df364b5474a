import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidArgumentError } from '@tessera/core';
import type { ImageSource } from './image-source';
import { readFileBytes } from './read-file-bytes';
import { uint8Source } from './uint8-source';

const FN = 'cifarBinary';

/** Options of {@link cifarBinary}. @category Sources */
export interface CifarBinaryOptions {
  /** CIFAR-10 (`data_batch_1…5.bin`, `test_batch.bin`) or CIFAR-100 (`train.bin`, `test.bin`). Default `10`. */
  variant?: 10 | 100;
  /** Default `'train'`. */
  split?: 'train' | 'test';
  /** CIFAR-100: its 100 fine classes (default) or 20 coarse superclasses. */
  labels?: 'fine' | 'coarse';
}

/**
 * An {@link ImageSource} over the CIFAR binary batches in `dir` (the "binary version" archives,
 * unpacked): records of a label byte (CIFAR-100: coarse then fine) and 3 072 pixel bytes — the
 * red, green and blue 32×32 planes — returned as NHWC floats in [0, 1]. Class names come from
 * `batches.meta.txt` (CIFAR-10) or `fine_label_names.txt` / `coarse_label_names.txt` when present.
 * The bytes stay in memory (150 MB for CIFAR-10's training set). Node only.
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} naming the folder and
 *   the files expected when they are missing, or a file whose size is not a whole number of records.
 * @example
 * ```ts
 * const train = await cifarBinary('data/cifar-10-batches-bin');
 * ```
 * @category Sources
 */
export async function cifarBinary(
  dir: string,
  { variant = 10, split = 'train', labels = 'fine' }: CifarBinaryOptions = {},
): Promise<ImageSource> {
  if (variant !== 10 && variant !== 100)
    throw fail('variant', `variant must be 10 or 100, got ${JSON.stringify(variant)}.`);
  if (split !== 'train' && split !== 'test')
    throw fail('split', `split must be 'train' or 'test', got ${JSON.stringify(split)}.`);
  const files =
    variant === 10
      ? split === 'train'
        ? [1, 2, 3, 4, 5].map((i) => `data_batch_${i}.bin`)
        : ['test_batch.bin']
      : [`${split}.bin`];
  const missing = files.filter((f) => !existsSync(join(dir, f)));
  if (missing.length)
    throw fail(
      'dir',
      `${dir} must hold the CIFAR-${variant} ${split} batches (${files.join(', ')}); missing ${missing.join(', ')}.`,
    );
  const labelBytes = variant === 10 ? 1 : 2;
  const record = labelBytes + 3072;
  const parts = await Promise.all(files.map((f) => readFileBytes(join(dir, f), FN, 'dir')));
  parts.forEach((p, i) => {
    if (p.length === 0 || p.length % record !== 0)
      throw fail(
        'dir',
        `${join(dir, files[i]!)} must hold whole ${record}-byte CIFAR-${variant} records, got ${p.length} bytes.`,
      );
  });
  const bytes = parts.length === 1 ? parts[0]! : concat(parts);
  const n = bytes.length / record;
  const labelAt = variant === 100 && labels === 'fine' ? 1 : 0;
  const classes = Int32Array.from({ length: n }, (_, k) => bytes[k * record + labelAt]!);
  const classNames = await readNames(
    dir,
    variant === 10 ? 'batches.meta.txt' : `${labels}_label_names.txt`,
  );
  return uint8Source(
    {
      size: n,
      shape: [32, 32, 3],
      labels: classes,
      ...(classNames ? { classNames } : {}),
      description: `CIFAR-${variant} ${split} in ${dir} (${n} images of 32×32×3)`,
    },
    bytes,
    'chw',
    (k) => k * record + labelBytes,
    FN,
  );
}

async function readNames(dir: string, file: string): Promise<string[] | undefined> {
  const path = join(dir, file);
  if (!existsSync(path)) return undefined;
  const names = (await readFile(path, 'utf8'))
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
  return names.length ? names : undefined;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function fail(argument: string, detail: string): InvalidArgumentError {
  return new InvalidArgumentError({ functionName: FN, argument, detail });
}
