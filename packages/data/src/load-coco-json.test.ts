import { loadGolden } from '@tessera/test-utils';
import { describe, expect, it } from 'vitest';
import { loadCocoJson } from './load-coco-json';

const gt = loadGolden('detection_map').cases[0]!.inputs.gt as {
  images: unknown[];
  annotations: Record<string, unknown>[];
  categories: unknown[];
};

describe('loadCocoJson', () => {
  it('indexes the golden hand-made dataset by image and category, as pycocotools', () => {
    const coco = loadCocoJson(JSON.stringify(gt));
    expect([coco.images.length, coco.annotations.length, coco.categories.length]).toEqual([
      5, 13, 3,
    ]);
    expect([...coco.annotationsByImage].map(([id, a]) => [id, a.length])).toEqual([
      [1, 3],
      [2, 0],
      [3, 3],
      [4, 2],
      [5, 5],
    ]);
    expect([...coco.annotationsByCategory].map(([id, a]) => [id, a.length])).toEqual([
      [1, 5],
      [2, 4],
      [3, 4],
    ]);
    expect(coco.annotations.filter((a) => a.iscrowd === 1)).toHaveLength(1);
    expect(coco.annotationsByImage.get(1)!.map((a) => a.id)).toEqual([1, 2, 3]);
    expect(coco.imageById.get(3)).toEqual({ id: 3 });
  });

  it('accepts a parsed object and a file without annotations', () => {
    expect(
      loadCocoJson({
        images: [{ id: 7 }],
        categories: [{ id: 1, name: 'cat' }],
      }).annotationsByImage.get(7),
    ).toEqual([]);
  });

  const bad = (patch: (d: typeof gt) => void) => {
    const d = structuredClone(gt);
    patch(d);
    return () => loadCocoJson(d);
  };

  it.each([
    [
      (d: typeof gt) => (d.annotations[3]!.image_id = 42),
      /^loadCocoJson: annotations\[3\]\.image_id must name an image in images, got 42\.$/,
    ],
    [
      (d: typeof gt) => (d.annotations[0]!.category_id = 9),
      /^loadCocoJson: annotations\[0\]\.category_id must name a category in categories, got 9\.$/,
    ],
    [
      (d: typeof gt) => (d.annotations[1]!.id = 1),
      /^loadCocoJson: annotations\[1\]\.id must be unique, got 1 again\.$/,
    ],
    [
      (d: typeof gt) => (d.annotations[2]!.bbox = [1, 2, -3, 4]),
      /annotations\[2\]\.bbox must be \[x, y, width, height\] with finite numbers and width, height >= 0, got \[1,2,-3,4\]/,
    ],
    [(d: typeof gt) => (d.annotations[2]!.bbox = [1, 2, 3]), /annotations\[2\]\.bbox must be/],
    [
      (d: typeof gt) => (d.annotations[0]!.iscrowd = 2),
      /annotations\[0\]\.iscrowd must be 0 or 1, got 2/,
    ],
    [
      (d: typeof gt) => ((d.images[1] as { id: unknown }).id = 1),
      /^loadCocoJson: images\[1\]\.id must be unique, got 1 again\.$/,
    ],
    [
      (d: typeof gt) => ((d.categories[0] as { id: unknown }).id = '1'),
      /^loadCocoJson: categories\[0\]\.id must be an integer, got "1"\.$/,
    ],
  ])('throws with the path of the bad field (%#)', (patch, message) => {
    expect(bad(patch)).toThrow(message);
  });

  it('throws: not JSON, not an object, missing arrays', () => {
    expect(() => loadCocoJson('{oops')).toThrow(
      /^loadCocoJson: json must be valid JSON, got a parse error/,
    );
    expect(() => loadCocoJson('[]')).toThrow(
      /json must be an object with images, annotations and categories, got an array/,
    );
    expect(() => loadCocoJson({ images: [] })).toThrow(
      /^loadCocoJson: categories must be an array, got nothing\.$/,
    );
  });
});
