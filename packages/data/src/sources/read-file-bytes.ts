import { readFile } from 'node:fs/promises';
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { InvalidArgumentError } from '@tessera/core';

const gunzipAsync = promisify(gunzip);

/**
 * A file's bytes, gunzipped when they start with gzip's magic (`1f 8b`) whatever the name; errors
 * name the file. @internal
 */
export async function readFileBytes(
  path: string,
  functionName: string,
  argument: string,
): Promise<Uint8Array> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new InvalidArgumentError({
      functionName,
      argument,
      detail: `${argument} must be a readable file, got ${JSON.stringify(path)} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`,
    });
  }
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  try {
    return await gunzipAsync(bytes);
  } catch (e) {
    throw new InvalidArgumentError({
      functionName,
      argument,
      detail: `${path} starts like a gzip file but does not decompress: ${(e as Error).message}.`,
    });
  }
}
