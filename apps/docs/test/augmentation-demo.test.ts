import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { loadMnist } from '@tessera/data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AUGMENT_DEMO_TRANSFORMS,
  RECIPE_VIEWS,
  runAugmentDemo,
} from '../.vitepress/theme/augment-demo';
import { pixelSum } from '../.vitepress/theme/demo-mnist';
import { keepScreenshot, NON_BLANK_PNG_BYTES, type Site, startSite } from './serve-site';

// The augmentation explorer on wasm and on webgl: every output's pixel sum equals the same
// transform run in Node on `cpu` with the same digit and seed.
let site: Site;
beforeAll(async () => {
  site = await startSite();
  await tf.setBackend('cpu');
}, 60_000);
afterAll(() => site?.close());

async function nodeSums(index: number, seed: number) {
  const test = await loadMnist({ split: 'test', limit: index + 1 });
  const { transforms, recipe } = await runAugmentDemo(test.images.slice(index * 784), seed);
  return {
    transforms: transforms.map((t) => pixelSum(t.pixels)),
    views: recipe.views.map(pixelSum),
  };
}

const close = (page: readonly string[], node: readonly string[]) => {
  expect(page).toHaveLength(node.length);
  page.forEach((p, i) =>
    expect(Math.abs(Number(p) - Number(node[i])), `output ${i}`).toBeLessThan(0.02),
  );
};

describe('the augmentation explorer', () => {
  for (const backend of ['wasm', 'webgl'] as const) {
    it(`${backend}: each transform and recipe view matches Node's cpu run; a new seed changes them; renders`, async () => {
      const { page, errors } = await site.open(`/demos/augmentation?backend=${backend}`);
      await expect
        .poll(() => page.getByTestId('backend').textContent(), { timeout: 60_000 })
        .toBe(backend);
      const sums = page.getByTestId('sum');
      await expect
        .poll(() => sums.count(), { timeout: 60_000 })
        .toBe(AUGMENT_DEMO_TRANSFORMS.length);
      const read = async () => ({
        transforms: await sums.allTextContents(),
        views: await page.getByTestId('view-sum').allTextContents(),
      });
      const first = await read();
      const expected = await nodeSums(0, 7);
      close(first.transforms, expected.transforms);
      close(first.views, expected.views);
      expect(first.views).toHaveLength(RECIPE_VIEWS);
      expect(new Set(first.views).size).toBe(RECIPE_VIEWS); // each view its own parameters

      await page.getByTestId('index').fill('3');
      await page.getByTestId('seed').fill('11');
      await page.getByTestId('seed').dispatchEvent('change');
      await expect
        .poll(async () => (await read()).transforms.join())
        .not.toBe(first.transforms.join());
      const second = await read();
      const expected2 = await nodeSums(3, 11);
      close(second.transforms, expected2.transforms);
      close(second.views, expected2.views);

      const shot = await page.locator('.augment-explorer').screenshot();
      keepScreenshot(`augmentation-${backend}`, shot);
      expect(shot.byteLength).toBeGreaterThan(NON_BLANK_PNG_BYTES);
      expect(errors, errors.join('\n')).toEqual([]);
      await page.close();
    });
  }
});
