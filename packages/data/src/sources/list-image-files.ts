import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { InvalidArgumentError } from '@tessera/core';
import { hasImageExtension, IMAGE_EXTENSIONS } from './image-extensions';

/**
 * Image files under `dir` in torchvision's order: the folders (with `recursive`, `dir` and every
 * folder below it) sorted by path, each one's files sorted by name — `sorted(os.walk(dir))`.
 */
async function imagesUnder(dir: string, recursive: boolean): Promise<string[]> {
  const folders: Array<[string, string[]]> = [];
  const walk = async (folder: string) => {
    const entries = await readdir(folder, { withFileTypes: true });
    folders.push([
      folder,
      entries.filter((e) => e.isFile() && hasImageExtension(e.name)).map((e) => e.name),
    ]);
    if (recursive) for (const e of entries) if (e.isDirectory()) await walk(join(folder, e.name));
  };
  await walk(dir);
  const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return folders
    .sort((a, b) => byCodeUnit(a[0], b[0]))
    .flatMap(([folder, names]) => names.sort(byCodeUnit).map((n) => join(folder, n)));
}

/**
 * The images of a folder as torchvision's `ImageFolder` finds them: when some sub-folder holds
 * images, each sub-folder is a class (sorted names → ids 0, 1, …; files found recursively inside,
 * sorted; images at the top level ignored); otherwise the folder's own images, unlabelled (with
 * `recursive`, those of its sub-folders too). @internal
 */
export async function listImageFiles(
  dir: string,
  { recursive, functionName }: { recursive: boolean; functionName: string },
): Promise<{ files: string[]; labels?: Int32Array; classNames?: string[] }> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    throw new InvalidArgumentError({
      functionName,
      argument: 'dir',
      detail: `dir must be a readable folder, got ${JSON.stringify(dir)} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`,
    });
  }
  const folders = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const perClass = await Promise.all(folders.map((f) => imagesUnder(join(dir, f), true)));
  const classes = folders.filter((_, i) => perClass[i]!.length > 0);
  if (classes.length > 0) {
    const files = perClass.filter((f) => f.length > 0).flat();
    const labels = Int32Array.from(
      perClass.filter((f) => f.length > 0).flatMap((f, c) => f.map(() => c)),
    );
    return { files, labels, classNames: classes };
  }
  const files = await imagesUnder(dir, recursive);
  if (files.length === 0)
    throw new InvalidArgumentError({
      functionName,
      argument: 'dir',
      detail: `${dir} holds no images (${IMAGE_EXTENSIONS.join(', ')}), neither in class sub-folders nor at its top level.`,
    });
  return { files };
}

/** A file's path relative to the folder, for messages and embeddings. @internal */
export const relativeName = (dir: string, file: string) => relative(dir, file);
