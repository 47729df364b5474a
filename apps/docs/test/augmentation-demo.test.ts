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

/** The largest difference between the page's sums and Node's (Infinity when the counts differ). */
const gap = (page: readonly string[], node: readonly string[]) =>
  page.length === node.length
    ? Math.max(...page.map((p, i) => Math.abs(Number(p) - Number(node[i]))))
    : Infinity;

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
      // the page shows digit 0 with seed 7 on load; its sums must match Node's
      const expected = await nodeSums(0, 7);
      await expect
        .poll(
          async () => {
            const shown = await read();
            return Math.max(
              gap(shown.transforms, expected.transforms),
              gap(shown.views, expected.views),
            );
          },
          { timeout: 30_000 },
        )
        .toBeLessThan(0.02);
      const first = await read();
      expect(first.views).toHaveLength(RECIPE_VIEWS);
      expect(new Set(first.views).size).toBe(RECIPE_VIEWS); // each view its own parameters

      await page.getByTestId('index').fill('3');
      await page.getByTestId('seed').fill('11');
      await page.getByTestId('seed').dispatchEvent('change');
      // each edit re-runs the transforms; the page settles on digit 3 with seed 11
      const expected2 = await nodeSums(3, 11);
      await expect
        .poll(
          async () => {
            const shown = await read();
            return Math.max(
              gap(shown.transforms, expected2.transforms),
              gap(shown.views, expected2.views),
            );
          },
          { timeout: 30_000 },
        )
        .toBeLessThan(0.02);
      expect((await read()).transforms.join()).not.toBe(first.transforms.join());

      const shot = await page.locator('.augment-explorer').screenshot();
      keepScreenshot(`augmentation-${backend}`, shot);
      expect(shot.byteLength).toBeGreaterThan(NON_BLANK_PNG_BYTES);
      expect(errors, errors.join('\n')).toEqual([]);
      await page.close();
    });
  }
});
