import { fromArrays } from '@tessera/data';
import { describe, expect, it } from 'vitest';
import { embeddingFile, npy } from './embedding-file';

describe('embedding files', () => {
  it('.npy: the NumPy 1.0 header (64-byte aligned, shape, <f4) and the float32 rows', () => {
    const values = Float32Array.of(1, 2, 3, 4, 5, 6);
    const file = npy(values, 2, 3);
    expect(file.subarray(0, 6).toString('latin1')).toBe('\x93NUMPY');
    expect([file[6], file[7]]).toEqual([1, 0]);
    const headerLength = file.readUInt16LE(8);
    expect((10 + headerLength) % 64).toBe(0);
    const header = file.subarray(10, 10 + headerLength).toString('latin1');
    expect(header).toMatch(/^\{'descr': '<f4', 'fortran_order': False, 'shape': \(2, 3\), \} *\n$/);
    const body = new Float32Array(file.buffer.slice(file.byteOffset + 10 + headerLength));
    expect(Array.from(body)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('.csv and .jsonl carry each name and class name beside its embedding (CSV quoting)', () => {
    const source = fromArrays({
      images: new Float32Array(2),
      shape: [2, 1, 1, 1],
      labels: Int32Array.of(1, 0),
      classNames: ['cat', 'dog, big'],
    });
    const features = Float32Array.of(0.5, -1, 2, 0.25);
    const csv = embeddingFile('.csv', features, 2, ['a.png', 'b "x".png'], source)('o.csv')[0]![1];
    expect(csv).toBe('name,label,e0,e1\na.png,"dog, big",0.5,-1\n"b ""x"".png",cat,2,0.25\n');
    const jsonl = embeddingFile('.jsonl', features, 2, ['a', 'b'], source)('o.jsonl')[0]![1];
    expect(
      (jsonl as string)
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual([
      { name: 'a', label: 'dog, big', embedding: [0.5, -1] },
      { name: 'b', label: 'cat', embedding: [2, 0.25] },
    ]);
    const files = embeddingFile('.npy', features, 2, ['a', 'b'], source)('o.npy');
    expect(files.map(([p]) => p)).toEqual(['o.npy', 'o.npy.names.txt']);
    expect(files[1]![1]).toBe('a\tdog, big\nb\tcat\n');
  });
});
