import { loadMnist } from '@tessera/data';
import { evaluateEpisode } from '@tessera/metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepScreenshot, NON_BLANK_PNG_BYTES, type Site, startSite } from './serve-site';

// The few-shot demo on raw pixels: its support set, query and distances against the same episode
// computed in Node with @tessera/metrics' evaluateEpisode on the MNIST files; fewer ways; drawing.
// (The SimCLR-encoder features are exercised after the SimCLR demo's run, in simclr-demo.test.ts.)
let site: Site;
beforeAll(async () => {
  site = await startSite();
}, 60_000);
afterAll(() => site?.close());

function unit(row: ArrayLike<number>): number[] {
  const norm = Math.hypot(...Array.from(row));
  return Array.from(row, (v) => (norm > 0 ? v / norm : 0));
}

describe('the few-shot demo', () => {
  for (const backend of ['wasm', 'webgl'] as const) {
    it(`${backend}: a test digit's prototype distances equal Node's evaluateEpisode; fewer ways; a drawn 1`, async () => {
      const [train, test] = await Promise.all([
        loadMnist({ split: 'train', limit: 3000 }),
        loadMnist({ split: 'test', limit: 1000 }),
      ]);
      const { page, errors } = await site.open(`/demos/few-shot?backend=${backend}`);
      await expect
        .poll(() => page.getByTestId('backend').textContent(), { timeout: 60_000 })
        .toBe(backend);

      const check = async (testIndex: number, classes: number[], shots: number) => {
        const support = JSON.parse(
          (await page.getByTestId('support').getAttribute('data-indices'))!,
        ) as number[][];
        expect(support).toHaveLength(classes.length);
        support.forEach((row, c) => {
          expect(row).toHaveLength(shots);
          expect(new Set(row).size).toBe(shots);
          for (const i of row) expect(train.labels[i]).toBe(classes[c]);
        });
        const query = (await page.getByTestId('query').textContent())!.split(',').map(Number);
        expect(query).toEqual(
          Array.from(test.images.subarray(testIndex * 784, (testIndex + 1) * 784)),
        );
        const digit = (i: number) => unit(train.images.subarray(i * 784, (i + 1) * 784));
        const { squaredDistances } = evaluateEpisode(
          support.map((row) => row.map(digit)),
          classes.map(() => [unit(query)]),
        );
        const expected = Array.from(squaredDistances.subarray(0, classes.length));
        // each control re-runs the classifier; wait for the page to settle on this support set
        await expect
          .poll(
            async () => {
              const shown = (await page.getByTestId('distance').allTextContents()).map(Number);
              return shown.length === classes.length
                ? Math.max(...shown.map((d, c) => Math.abs(d - expected[c]!)))
                : Infinity;
            },
            { timeout: 30_000 },
          )
          .toBeLessThan(2e-4);
        const nearest = expected.indexOf(Math.min(...expected));
        expect(await page.getByTestId('prediction').textContent()).toBe(String(classes[nearest]));
      };

      await page.getByTestId('test-index').fill('5');
      await page.getByTestId('use-test').click();
      await expect.poll(() => page.getByTestId('distance').count(), { timeout: 30_000 }).toBe(10);
      await check(5, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 5);

      // 2-way 1-shot: 1 against 7, a new support set
      for (const c of [0, 2, 3, 4, 5, 6, 8, 9]) await page.getByTestId(`class-${c}`).uncheck();
      await page.getByTestId('shots').selectOption('1');
      await page.getByTestId('resample').click();
      await expect.poll(() => page.getByTestId('distance').count(), { timeout: 30_000 }).toBe(2);
      await check(5, [1, 7], 1);

      // draw a vertical stroke: an MNIST-like 1 among all ten classes, 5-shot
      for (const c of [0, 2, 3, 4, 5, 6, 8, 9]) await page.getByTestId(`class-${c}`).check();
      await page.getByTestId('shots').selectOption('5');
      await page.getByTestId('clear').click();
      const pad = (await page.getByTestId('pad').boundingBox())!;
      await page.mouse.move(pad.x + pad.width * 0.5, pad.y + pad.height * 0.15);
      await page.mouse.down();
      for (let t = 1; t <= 10; t++)
        await page.mouse.move(
          pad.x + pad.width * (0.5 + 0.01 * t),
          pad.y + pad.height * (0.15 + 0.07 * t),
        );
      await page.mouse.up();
      await expect.poll(() => page.getByTestId('distance').count(), { timeout: 30_000 }).toBe(10);
      await expect
        .poll(() => page.getByTestId('prediction').textContent(), { timeout: 30_000 })
        .toBe('1');

      const shot = await page.locator('.few-shot-demo').screenshot();
      keepScreenshot(`few-shot-${backend}`, shot);
      expect(shot.byteLength).toBeGreaterThan(NON_BLANK_PNG_BYTES);
      expect(errors, errors.join('\n')).toEqual([]);
      await page.close();
    });
  }
});
