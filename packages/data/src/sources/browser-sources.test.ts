import { describe, expect, it } from 'vitest';
import { fromRgba, isGrey, placement } from './canvas-decode';
import { classesFromPaths } from './classes-from-paths';
import { fromFiles, fromUrls } from '../index.node';

describe('browser sources: the parts that need no browser', () => {
  it('places an image on the canvas: cover crops the centre, fill stretches, contain letterboxes', () => {
    // a 200×100 (w×h) image onto 50×50
    expect(placement(200, 100, 50, 50, 'cover')).toEqual([50, 0, 100, 100, 0, 0, 50, 50]);
    expect(placement(200, 100, 50, 50, 'fill')).toEqual([0, 0, 200, 100, 0, 0, 50, 50]);
    expect(placement(200, 100, 50, 50, 'contain')).toEqual([0, 0, 200, 100, 0, 12.5, 50, 25]);
    // a tall image onto a wide canvas
    expect(placement(10, 40, 20, 10, 'cover')).toEqual([0, 17.5, 10, 5, 0, 0, 20, 10]);
  });

  it("converts RGBA to grey as PIL's convert('L') does, or to RGB with alpha dropped", () => {
    // PIL 9.4: Image.new('RGB', …).putdata(colours).convert('L')
    const colours = [
      [255, 0, 0],
      [0, 255, 0],
      [0, 0, 255],
      [12, 200, 77],
      [255, 255, 255],
      [1, 2, 3],
      [128, 64, 250],
    ];
    const rgba = new Uint8ClampedArray(colours.flatMap(([r, g, b]) => [r!, g!, b!, 17]));
    expect(Array.from(fromRgba(rgba, 1))).toEqual([76, 150, 29, 130, 255, 2, 104]);
    expect(Array.from(fromRgba(rgba, 3))).toEqual(colours.flat());
    expect(isGrey(new Uint8ClampedArray([5, 5, 5, 0, 9, 9, 9, 255]))).toBe(true);
    expect(isGrey(rgba)).toBe(false);
  });

  it('finds classes in ImageFolder-layout paths, and none when a file sits at the top', () => {
    expect(classesFromPaths(['p/dogs/1.png', 'p/cats/a/2.png', 'p/dogs/3.png'])).toEqual({
      labels: Int32Array.from([1, 0, 1]),
      classNames: ['cats', 'dogs'],
    });
    expect(classesFromPaths(['p/dogs/1.png', 'p/top.png'])).toEqual({});
    expect(classesFromPaths(['1.png', '2.png'])).toEqual({});
  });

  it('throws in Node, where createImageBitmap is missing, naming what to use instead', async () => {
    const png = new Blob([new Uint8Array(8)], { type: 'image/png' });
    await expect(fromFiles([png])).rejects.toThrow(
      /^fromFiles: decoding needs createImageBitmap and OffscreenCanvas, which this environment lacks: run it in a browser or a worker, or use imageFolder in Node\.$/,
    );
  });

  it('throws on no images or bad URLs before decoding anything', async () => {
    await expect(fromFiles([new Blob(['x'], { type: 'text/plain' })])).rejects.toThrow(
      /^fromFiles: files must hold at least one image .*got 1 file and none is\.$/,
    );
    await expect(fromUrls([])).rejects.toThrow(/^fromUrls: urls must be a non-empty array/);
  });
});
