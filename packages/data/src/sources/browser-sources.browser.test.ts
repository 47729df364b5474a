import { describe, expect, it } from 'vitest';
import { fromFiles, fromUrls } from '../index.browser';

/** A PNG of `w×h` RGBA pixels given by `pixel(x, y)`, drawn on an OffscreenCanvas. */
async function png(
  w: number,
  h: number,
  pixel: (x: number, y: number) => [number, number, number],
  name: string,
): Promise<File> {
  const canvas = new OffscreenCanvas(w, h);
  const ctx = canvas.getContext('2d')!;
  const data = ctx.createImageData(w, h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const [r, g, b] = pixel(x, y);
      data.data.set([r, g, b, 255], 4 * (y * w + x));
    }
  ctx.putImageData(data, 0, 0);
  return new File([await canvas.convertToBlob({ type: 'image/png' })], name, {
    type: 'image/png',
  });
}

const colour = (x: number, y: number): [number, number, number] => [x * 40, y * 30, 200 - x * y];
const grey = (x: number, y: number): [number, number, number] => {
  const v = (x * 7 + y * 13) % 256;
  return [v, v, v];
};

describe('fromFiles in a browser', () => {
  it('decodes PNG files exactly at their own size, as NHWC floats in [0, 1]', async () => {
    const files = [
      await png(4, 3, colour, 'a.png'),
      await png(4, 3, (x, y) => colour(y, x), 'b.png'),
    ];
    const source = await fromFiles(files);
    expect(source.shape).toEqual([3, 4, 3]);
    expect(source.size).toBe(2);
    expect(source.files).toEqual(['a.png', 'b.png']);
    expect(source.labels).toBeUndefined();
    const batch = await source.read([1, 0]);
    const expected: number[] = [];
    for (const f of [(x: number, y: number) => colour(y, x), colour])
      for (let y = 0; y < 3; y++)
        for (let x = 0; x < 4; x++) expected.push(...f(x, y).map((v) => v / 255));
    expect(Array.from(batch)).toEqual(Array.from(Float32Array.from(expected)));
  });

  it('reads grey images as one channel, and three when asked', async () => {
    const source = await fromFiles([await png(5, 5, grey, 'g.png')]);
    expect(source.shape).toEqual([5, 5, 1]);
    const batch = await source.read([0]);
    expect(Array.from(batch.slice(0, 6))).toEqual(
      Array.from(Float32Array.from([0, 7, 14, 21, 28, 13].map((v) => v / 255))),
    );
    const rgb = await fromFiles([await png(5, 5, grey, 'g.png')], { channels: 3 });
    expect(rgb.shape).toEqual([5, 5, 3]);
  });

  it('resizes to size: a flat image stays flat, every fit gives the target shape', async () => {
    const flat = await png(30, 10, () => [90, 160, 30], 'flat.png');
    for (const fit of ['cover', 'fill'] as const) {
      const source = await fromFiles([flat], { size: [8, 6], fit });
      expect(source.shape).toEqual([8, 6, 3]);
      const px = await source.read([0]);
      for (let i = 0; i < px.length; i += 3)
        expect([px[i], px[i + 1], px[i + 2]].map((v) => Math.round(v! * 255))).toEqual([
          90, 160, 30,
        ]);
    }
    const boxed = await fromFiles([flat], { size: 9, fit: 'contain' });
    const px = await boxed.read([0]);
    // a 30×10 image letterboxed into 9×9: 3 rows of image in the middle, black above and below
    expect(Array.from(px.slice(0, 3))).toEqual([0, 0, 0]);
    expect(Math.round(px[(4 * 9 + 4) * 3]! * 255)).toBe(90);
  });

  it('labels a webkitdirectory folder by its class folders, or by the labels given', async () => {
    const files = [await png(2, 2, grey, 'x.png'), await png(2, 2, grey, 'y.png')];
    const named = files.map((f, i) => {
      Object.defineProperty(f, 'webkitRelativePath', {
        value: ['set/dogs/x.png', 'set/cats/y.png'][i],
      });
      return f;
    });
    const source = await fromFiles(named);
    expect(source.classNames).toEqual(['cats', 'dogs']);
    expect(Array.from(source.labels!)).toEqual([1, 0]);
    expect(source.files).toEqual(['set/dogs/x.png', 'set/cats/y.png']);
    const given = await fromFiles(named, { labels: [3, 4] });
    expect(Array.from(given.labels!)).toEqual([3, 4]);
    expect(given.classNames).toBeUndefined();
  });

  it('labels dropped files by the class folders of their paths ({ file, path } entries)', async () => {
    const [x, y, z] = [
      await png(2, 2, grey, 'x.png'),
      await png(2, 2, grey, 'y.png'),
      await png(2, 2, grey, 'z.png'),
    ];
    const source = await fromFiles([
      { file: x, path: 'drop/owls/x.png' },
      { file: y, path: 'drop/cats/y.png' },
      { file: z, path: 'drop/owls/z.png' },
    ]);
    expect(source.classNames).toEqual(['cats', 'owls']);
    expect(Array.from(source.labels!)).toEqual([1, 0, 1]);
    expect(source.files).toEqual(['drop/owls/x.png', 'drop/cats/y.png', 'drop/owls/z.png']);
  });

  it('leaves out files that are not images, and names any file that fails', async () => {
    const notes = new File(['hello'], 'notes.txt', { type: 'text/plain' });
    const good = await png(3, 3, grey, 'ok.png');
    const source = await fromFiles([notes, good]);
    expect(source.files).toEqual(['ok.png']);
    await expect(fromFiles([notes, good], { labels: [0] })).rejects.toThrow(
      /^fromFiles: labels must be given for image files only: 1 of the 2 files are not images \(notes\.txt\)\.$/,
    );
    const broken = new File([new Uint8Array([1, 2, 3])], 'broken.png', { type: 'image/png' });
    await expect(fromFiles([broken])).rejects.toThrow(
      /^fromFiles: broken\.png could not be decoded: /,
    );
    const later = await fromFiles([good, broken]);
    await expect(later.read([1])).rejects.toThrow(/^fromFiles: broken\.png could not be decoded: /);
    const big = await fromFiles([good, await png(4, 3, grey, 'big.png')]);
    await expect(big.read([0, 1])).rejects.toThrow(
      /^fromFiles: big\.png is 3×4, not 3×3 as the first image: pass size to resize every image\.$/,
    );
    await expect(fromFiles([good], { labels: [0, 1] })).rejects.toThrow(
      /^fromFiles: labels must have one class per image \(1\), got 2\.$/,
    );
  });
});

describe('fromUrls in a browser', () => {
  it('fetches and decodes URLs, and names one that is not served', async () => {
    const file = await png(4, 3, colour, 'u.png');
    const url = URL.createObjectURL(file);
    try {
      const source = await fromUrls([url, url], { labels: [0, 1], classNames: ['a', 'b'] });
      expect(source.shape).toEqual([3, 4, 3]);
      expect(source.classNames).toEqual(['a', 'b']);
      const [fromUrl, fromFile] = [
        await source.read([1]),
        await (await fromFiles([file])).read([0]),
      ];
      expect(Array.from(fromUrl)).toEqual(Array.from(fromFile));
    } finally {
      URL.revokeObjectURL(url);
    }
    await expect(fromUrls(['/no-such-image.png'])).rejects.toThrow(
      /^fromUrls: \/no-such-image\.png could not be fetched: HTTP 404\.$/,
    );
  });
});
