import { InvalidArgumentError } from '@tessera/core';

/** A parsed IDX file: its dimensions and its unsigned bytes (row-major). */
export interface IdxArray {
  /** Dimensions, e.g. `[60000, 28, 28]` for MNIST training images, `[60000]` for labels. */
  readonly shape: readonly number[];
  /** The values, `shape` product long, a view on the input (no copy). */
  readonly data: Uint8Array;
}

const FN = 'parseIdx';

/**
 * Parses an IDX file (LeCun's MNIST format): a 4-byte big-endian magic `0x00 0x00 0x08 ndim`
 * (unsigned bytes; 2049 for a 1-D label file, 2051 for 3-D images), `ndim` big-endian uint32
 * dimensions, then the bytes.
 *
 * @param bytes - The file's bytes (an `ArrayBuffer`, a `Uint8Array`, or a Node `Buffer`).
 * @returns Dimensions and data; `data` is a view on `bytes`.
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} for an unknown magic number or type, or a truncated file
 *   (naming how many bytes were expected and found).
 * @example
 * ```ts
 * const { shape, data } = parseIdx(readFileSync('train-labels-idx1-ubyte')); // shape [60000]
 * ```
 * @category Datasets
 */
export function parseIdx(bytes: ArrayBuffer | Uint8Array): IdxArray {
  const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  if (u8.length < 4)
    throw error(`bytes must hold at least the 4-byte IDX header, got ${u8.length} bytes.`);
  if (u8[0] !== 0 || u8[1] !== 0) {
    throw error(
      `bytes must start with an IDX magic number (0x0000 then type and rank), got 0x${hex(u8[0]!)}${hex(u8[1]!)}${hex(u8[2]!)}${hex(u8[3]!)}.`,
    );
  }
  if (u8[2] !== 0x08) {
    throw error(
      `bytes must hold unsigned bytes (IDX type 0x08), got type 0x${hex(u8[2]!)}; other IDX types are not supported.`,
    );
  }
  const rank = u8[3] as number;
  const headerLength = 4 + 4 * rank;
  if (rank === 0 || u8.length < headerLength) {
    throw error(
      `bytes must hold a header of ${headerLength} bytes for rank ${rank}, got ${u8.length} bytes.`,
    );
  }
  const view = new DataView(u8.buffer, u8.byteOffset, u8.byteLength);
  const shape = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i, false));
  const size = shape.reduce((a, b) => a * b, 1);
  if (u8.length < headerLength + size) {
    throw error(
      `bytes is truncated: shape [${shape.join(',')}] needs ${headerLength + size} bytes, got ${u8.length}.`,
    );
  }
  return { shape, data: u8.subarray(headerLength, headerLength + size) };
}

function error(detail: string): InvalidArgumentError {
  return new InvalidArgumentError({ functionName: FN, argument: 'bytes', detail });
}

function hex(b: number): string {
  return b.toString(16).padStart(2, '0');
}
