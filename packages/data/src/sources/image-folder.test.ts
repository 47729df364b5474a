import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadGolden } from '@tessera/test-utils';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { imageFolder } from './image-folder';

const tmp = () => mkdtempSync(join(tmpdir(), 'tessera-folder-'));

/** A PNG of raw HWC bytes (lossless: decoding must give them back). */
const png = (pixels: Uint8Array, h: number, w: number, c: 1 | 3) =>
  sharp(Buffer.from(pixels), { raw: { width: w, height: h, channels: c } })
    .toColourspace(c === 1 ? 'b-w' : 'srgb')
    .png()
    .toBuffer();

const pattern = (h: number, w: number, c: number, seed: number) =>
  Uint8Array.from({ length: h * w * c }, (_, i) => (i * 37 + seed * 11) % 256);

describe('imageFolder', () => {
  it('class sub-folders: sorted class names, files in sorted order, PNG pixels back exactly', async () => {
    const dir = tmp();
    const written: Record<string, Uint8Array> = {};
    for (const [cls, names] of [
      ['dogs', ['b.png', 'a.png']],
      ['cats', ['x.png']],
      ['empty', []],
    ] as const) {
      mkdirSync(join(dir, cls));
      for (const [i, name] of names.entries()) {
        const p = pattern(6, 5, 3, name.charCodeAt(0) + i);
        written[`${cls}/${name}`] = p;
        writeFileSync(join(dir, cls, name), await png(p, 6, 5, 3));
      }
    }
    writeFileSync(join(dir, 'top-level.png'), await png(pattern(6, 5, 3, 0), 6, 5, 3));
    const source = await imageFolder(dir);
    expect(source.classNames).toEqual(['cats', 'dogs']);
    expect(source.files).toEqual(['cats/x.png', 'dogs/a.png', 'dogs/b.png']);
    expect(Array.from(source.labels!)).toEqual([0, 1, 1]);
    expect(source.shape).toEqual([6, 5, 3]);
    const all = await source.read([2, 0, 1]);
    const expected = ['dogs/b.png', 'cats/x.png', 'dogs/a.png'].flatMap((f) =>
      Array.from(written[f]!, (v) => Math.fround(v / 255)),
    );
    expect(Array.from(all)).toEqual(expected);
  });

  it('JPEG and PNG files decode as PIL decodes them (golden image_decode), ±1 level', async () => {
    const dir = tmp();
    const golden = loadGolden('image_decode').cases;
    for (const c of golden) {
      const { file, base64 } = c.inputs as { file: string; base64: string };
      writeFileSync(join(dir, file), Buffer.from(base64, 'base64'));
    }
    const rgb = await imageFolder(dir, { channels: 3 });
    const gray = await imageFolder(dir, { channels: 1 });
    for (const c of golden) {
      const { mode } = c.params as { mode: 'RGB' | 'L' };
      const k = rgb.files.indexOf((c.inputs as { file: string }).file);
      const decoded = await (mode === 'RGB' ? rgb : gray).read([k]);
      const want = c.expected as number[];
      expect(decoded.length).toBe(want.length);
      const worst = Math.max(
        ...Array.from(decoded, (v, i) => Math.abs(Math.round(v * 255) - want[i]!)),
      );
      expect(worst, c.name).toBeLessThanOrEqual(1);
    }
  });

  it('flat folder: unlabelled; size resizes every image; a grayscale first image gives one channel', async () => {
    const dir = tmp();
    writeFileSync(join(dir, '1.png'), await png(new Uint8Array(8 * 8).fill(200), 8, 8, 1));
    writeFileSync(join(dir, '2.png'), await png(new Uint8Array(4 * 6 * 3).fill(100), 4, 6, 3));
    mkdirSync(join(dir, 'not-images'));
    writeFileSync(join(dir, 'not-images', 'notes.txt'), 'hello');
    await expect(imageFolder(dir).then((s) => s.read([1]))).rejects.toThrow(
      /imageFolder: .*2.png is 4×6, not 8×8 as the first image: pass size to resize every image/,
    );
    const source = await imageFolder(dir, { size: [3, 3] });
    expect(source.labels).toBeUndefined();
    expect(source.shape).toEqual([3, 3, 1]);
    const x = await source.read([0, 1]);
    expect(Array.from(x.subarray(0, 9), (v) => Math.round(v * 255))).toEqual(Array(9).fill(200));
    expect(Array.from(x.subarray(9), (v) => Math.round(v * 255))).toEqual(Array(9).fill(100));
    const rgb = await imageFolder(dir, { size: 2, channels: 3 });
    expect(rgb.shape).toEqual([2, 2, 3]);
  });

  it('throws naming the folder or the file: missing, empty, corrupt image, bad options', async () => {
    const dir = tmp();
    await expect(imageFolder(join(dir, 'missing'))).rejects.toThrow(
      /imageFolder: dir must be a readable folder, got ".*missing" \(ENOENT\)/,
    );
    await expect(imageFolder(dir)).rejects.toThrow(/holds no images \(\.png, \.jpg/);
    writeFileSync(join(dir, 'a.png'), await png(pattern(4, 4, 3, 1), 4, 4, 3));
    writeFileSync(join(dir, 'b.png'), Buffer.from('not a png at all'));
    const source = await imageFolder(dir);
    await expect(source.read([1])).rejects.toThrow(/imageFolder: .*b.png could not be decoded/);
    await expect(imageFolder(dir, { channels: 2 as never })).rejects.toThrow(
      /channels must be 1 or 3/,
    );
    await expect(imageFolder(dir, { fit: 'squash' as never })).rejects.toThrow(/fit must be/);
  });

  it('keeps at most cacheMegabytes of decoded images and reads the same pixels again', async () => {
    const dir = tmp();
    for (let i = 0; i < 5; i++)
      writeFileSync(join(dir, `${i}.png`), await png(pattern(16, 16, 3, i), 16, 16, 3));
    // 16·16·3 bytes each: a 1.5 kB cache holds 2 images
    const source = await imageFolder(dir, { cacheMegabytes: 1536 / 2 ** 20 });
    const first = await source.read([0, 1, 2, 3, 4]);
    const again = await source.read([4, 3, 2, 1, 0]);
    for (let k = 0; k < 5; k++)
      expect(again.subarray((4 - k) * 768, (5 - k) * 768)).toEqual(
        first.subarray(k * 768, (k + 1) * 768),
      );
  });
});
