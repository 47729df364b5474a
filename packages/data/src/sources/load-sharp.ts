import { InvalidArgumentError } from '@tessera/core';

/** sharp's default export (typed loosely: it is an optional peer dependency). @internal */
export type Sharp = (input: string | Buffer, options?: { animated?: boolean }) => SharpImage;

interface SharpImage {
  metadata(): Promise<{ width?: number; height?: number; channels?: number; hasAlpha?: boolean }>;
  removeAlpha(): SharpImage;
  resize(width: number, height: number, options: { fit: string; kernel: string }): SharpImage;
  grayscale(): SharpImage;
  toColourspace(space: string): SharpImage;
  raw(): SharpImage;
  toBuffer(options: {
    resolveWithObject: true;
  }): Promise<{ data: Buffer; info: { width: number; height: number; channels: number } }>;
}

/** Loads `sharp`, or says how to install it. @internal */
export async function loadSharp(functionName: string): Promise<Sharp> {
  try {
    const name = 'sharp'; // not a literal import: bundlers and type checks leave the optional peer alone
    const mod = (await import(name)) as { default: Sharp };
    return mod.default;
  } catch (e) {
    throw new InvalidArgumentError({
      functionName,
      argument: 'sharp',
      detail: `${functionName} decodes images with the optional peer dependency sharp, which could not be loaded (${(e as Error).message.split('\n')[0]}): npm install sharp.`,
    });
  }
}
