import type { ImageSource } from '@tessera/data';

/** A NumPy `.npy` (format 1.0) of a float32 `[rows, cols]` matrix, little-endian, C order. @internal */
export function npy(values: Float32Array, rows: number, cols: number): Buffer {
  const dict = `{'descr': '<f4', 'fortran_order': False, 'shape': (${rows}, ${cols}), }`;
  // magic (6) + version (2) + header length (2) + header, padded with spaces to a multiple of 64, ending in \n
  const unpadded = 10 + dict.length + 1;
  const header = dict + ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const out = Buffer.alloc(10 + header.length + values.byteLength);
  out.write('\x93NUMPY', 0, 'latin1');
  out.set([1, 0], 6);
  out.writeUInt16LE(header.length, 8);
  out.write(header, 10, 'latin1');
  const body = new Float32Array(out.buffer, out.byteOffset + 10 + header.length, values.length);
  body.set(values);
  return out;
}

const csvCell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * The files `tessera embed` writes for `out`: the embeddings with each image's name and label,
 * as CSV, JSON lines, or `.npy` plus a `.names.txt` (name and label, tab-separated). @internal
 */
export function embeddingFile(
  kind: '.csv' | '.jsonl' | '.npy',
  features: Float32Array,
  dim: number,
  names: readonly string[],
  source: ImageSource,
): (out: string) => Array<[string, string | Buffer]> {
  const n = names.length;
  const label = (i: number) => {
    const l = source.labels?.[i];
    return l === undefined ? '' : (source.classNames?.[l] ?? String(l));
  };
  const row = (i: number) => Array.from(features.subarray(i * dim, (i + 1) * dim));
  return (out) => {
    if (kind === '.npy')
      return [
        [out, npy(features, n, dim)],
        [`${out}.names.txt`, names.map((s, i) => `${s}\t${label(i)}\n`).join('')],
      ];
    if (kind === '.jsonl')
      return [
        [
          out,
          names
            .map((s, i) => `${JSON.stringify({ name: s, label: label(i), embedding: row(i) })}\n`)
            .join(''),
        ],
      ];
    const header = ['name', 'label', ...Array.from({ length: dim }, (_, d) => `e${d}`)].join(',');
    const lines = names.map((s, i) => [csvCell(s), csvCell(label(i)), ...row(i)].join(','));
    return [[out, `${header}\n${lines.join('\n')}\n`]];
  };
}
