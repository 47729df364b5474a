import { InvalidArgumentError } from '@tessera/core';
import { blobSource, type BrowserImagesOptions, type NamedImageSource } from './blob-source';
import { classesFromPaths } from './classes-from-paths';
import type { PathedFile } from './dropped-files';
import { hasImageExtension } from './image-extensions';

/**
 * An {@link ImageSource} over image files a user chose or dropped — a `FileList` from `<input
 * type="file" multiple>` or a drop event, or any `File`s / `Blob`s — decoded in the browser with
 * `createImageBitmap` and an `OffscreenCanvas` (no Node module), resized to `size` and returned as
 * NHWC floats in [0, 1]. A folder chosen with `webkitdirectory` or dropped ({@link droppedFiles}
 * gives each file with its path) in `ImageFolder`'s layout (`photos/cats/1.jpg`,
 * `photos/dogs/2.jpg`) gives labels and class names; files that are neither
 * `image/*` nor named like an image (`.DS_Store`) are left out; `files` lists the rest in index
 * order. Images are decoded when read (`pretrain` reads a step ahead) and kept in a bounded cache.
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} when no image is given,
 *   labels disagree with the images, the environment cannot decode, and — when read — naming a
 *   file that fails to decode or (without `size`) differs in size from the first.
 * @example
 * ```ts
 * input.onchange = async () => {
 *   const photos = await fromFiles(input.files!, { size: 64 });
 *   const run = await pretrain({ method: 'simclr', data: photos, budgetSeconds: 60 });
 * };
 * ```
 * @category Sources
 */
export async function fromFiles(
  files: ArrayLike<Blob | PathedFile> | Iterable<Blob | PathedFile>,
  options: BrowserImagesOptions = {},
): Promise<NamedImageSource> {
  const fn = 'fromFiles';
  const given = Array.from(files as Iterable<Blob | PathedFile>);
  const all = given.map((f) => (f instanceof Blob ? f : f.file));
  const nameOf = (f: Blob, i: number) => {
    const item = given[i];
    return item && !(item instanceof Blob)
      ? item.path
      : (f as File).webkitRelativePath || (f as File).name || `blob ${i}`;
  };
  const images = all.filter(
    (f, i) => f.type.startsWith('image/') || hasImageExtension(nameOf(f, i)),
  );
  if (images.length === 0)
    throw new InvalidArgumentError({
      functionName: fn,
      argument: 'files',
      detail: `files must hold at least one image (image/* or a .png, .jpg, … name), got ${all.length} file${all.length === 1 ? '' : 's'} and none is.`,
    });
  if (options.labels && images.length !== all.length)
    throw new InvalidArgumentError({
      functionName: fn,
      argument: 'labels',
      detail: `labels must be given for image files only: ${all.length - images.length} of the ${all.length} files are not images (${nameOf(
        all.find((f) => !images.includes(f))!,
        all.findIndex((f) => !images.includes(f)),
      )}).`,
    });
  const names = images.map((f) => nameOf(f, all.indexOf(f)));
  return blobSource(
    images.map((f, i) => ({ name: names[i]!, load: async () => f })),
    options,
    classesFromPaths(names),
    `${images.length === 1 ? 'file' : 'files'} ${names[0]}${images.length > 1 ? ', …' : ''}`,
    fn,
  );
}
