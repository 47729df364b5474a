import { describe, expect, it } from 'vitest';
import { imageStatistics, sourceStatistics } from './image-statistics';
import { fromArrays } from './sources/from-arrays';
import { loadMnist } from './load-mnist-node';

describe('imageStatistics', () => {
  it('per-channel and overall mean and population std, as numpy computes them', () => {
    // 2 images of 1×2 pixels, 2 channels: channel 0 = 0, 1, 2, 3; channel 1 = 10, 10, 10, 10
    const images = Float32Array.of(0, 10, 1, 10, 2, 10, 3, 10);
    const s = imageStatistics({ images, shape: [2, 1, 2, 2] });
    expect(s.mean).toEqual([1.5, 10]);
    expect(s.std[0]).toBeCloseTo(Math.sqrt(1.25), 12);
    expect(s.std[1]).toBe(0);
    // all 8 values: mean 5.75, population variance of [0,1,2,3,10,10,10,10]
    expect(s.overall.mean).toBeCloseTo(5.75, 12);
    const values = [0, 1, 2, 3, 10, 10, 10, 10];
    const variance = values.reduce((a, v) => a + (v - 5.75) ** 2, 0) / 8;
    expect(s.overall.std).toBeCloseTo(Math.sqrt(variance), 12);
    expect(s.images).toBe(2);
  });

  it("MNIST's training digits give the usual 0.1307 / 0.3081; a sample of 6 000 is close", async () => {
    const train = await loadMnist({ split: 'train' });
    const all = imageStatistics(train);
    expect(all.overall.mean).toBeCloseTo(0.1307, 4);
    expect(all.overall.std).toBeCloseTo(0.3081, 4);
    // a source gives the same values as its images in one array, sampled or not
    expect(await sourceStatistics(fromArrays(train))).toEqual(all);
    const some = imageStatistics(train, { maxImages: 6000 });
    expect(await sourceStatistics(fromArrays(train), { maxImages: 6000 })).toEqual(some);
    expect(some.images).toBe(6000);
    expect(Math.abs(some.overall.mean - all.overall.mean)).toBeLessThan(0.002);
  });

  it('throws: a shape that does not match the values, a bad maxImages', () => {
    expect(() => imageStatistics({ images: new Float32Array(5), shape: [1, 2, 2, 1] })).toThrow(
      /imageStatistics: data must be \{ images: Float32Array, shape: \[N, H, W, C\] \} with N·H·W·C values, got shape \[1, 2, 2, 1\] and 5 values/,
    );
    expect(() =>
      imageStatistics({ images: new Float32Array(4), shape: [1, 2, 2, 1] }, { maxImages: 0 }),
    ).toThrow(/maxImages/);
  });
});
