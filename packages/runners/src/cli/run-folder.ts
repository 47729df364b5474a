import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import * as tfl from '@tensorflow/tfjs-layers';
import { fileSystemHandler } from '@tessera/models/node';
import { UsageError } from './args';

/** The files of a run folder (`runs/NAME`). @internal */
export function runPaths(dir: string) {
  const root = resolve(dir);
  return {
    root,
    config: join(root, 'config.json'),
    train: join(root, 'train.json'),
    evaluation: join(root, 'evaluation.json'),
    encoder: join(root, 'encoder'),
    /** The encoder's weights before training: evaluate's random-init baseline. */
    initialEncoder: join(root, 'encoder-init'),
    checkpoints: join(root, 'checkpoints'),
  };
}

/** Makes the run folder; an existing one needs `resume` or `force` (force empties it first). @internal */
export async function prepareRunFolder(
  command: string,
  dir: string,
  { resume = false, force = false },
): Promise<ReturnType<typeof runPaths>> {
  const paths = runPaths(dir);
  if (existsSync(paths.root)) {
    if (force) await rm(paths.root, { recursive: true, force: true });
    else if (!resume)
      throw new UsageError(
        `tessera ${command}: ${paths.root} already exists; pass --resume to continue that run or --force to start over (it will be deleted). Nothing was changed.`,
      );
  } else if (resume) {
    throw new UsageError(
      `tessera ${command}: --resume needs an existing run folder, ${paths.root} does not exist.`,
    );
  }
  await mkdir(paths.root, { recursive: true });
  return paths;
}

/** Writes JSON atomically (temporary file + rename). @internal */
export async function writeJson(path: string, value: unknown): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, `${JSON.stringify(value, null, 2)}\n`);
  await rename(tmp, path);
}

export async function readJson<T>(path: string): Promise<T> {
  return JSON.parse(await readFile(path, 'utf8')) as T;
}

/** The encoder a run started from (`encoder-init/`), when the run saved it. @internal */
export async function loadInitialEncoder(dir: string): Promise<tfl.LayersModel | undefined> {
  const { initialEncoder } = runPaths(dir);
  if (!existsSync(join(initialEncoder, 'model.json'))) return undefined;
  return tfl.loadLayersModel(fileSystemHandler(initialEncoder));
}

/** The trained encoder of a run folder. @internal */
export async function loadRunEncoder(command: string, dir: string): Promise<tfl.LayersModel> {
  const paths = runPaths(dir);
  if (!existsSync(join(paths.encoder, 'model.json')))
    throw new UsageError(
      `tessera ${command}: ${paths.root} has no trained encoder (encoder/model.json); run \`tessera pretrain --out ${dir}\` first.`,
    );
  return tfl.loadLayersModel(fileSystemHandler(paths.encoder));
}
