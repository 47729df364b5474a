import { it } from 'vitest';
import { startSite } from './serve-site';
it('knn', async () => {
  const site = await startSite();
  for (const run of [1, 2]) {
    const page = await site.browser.newPage();
    await page.goto(
      `${site.base}/demos/simclr?backend=wasm&steps=${process.env.STEPS}&batch=${process.env.BATCH}`,
      { waitUntil: 'networkidle' },
    );
    await page.getByTestId('backend').waitFor();
    const t0 = Date.now();
    await page.getByTestId('train').click();
    await page.getByTestId('result').waitFor({ timeout: 600_000 });
    console.log(
      run,
      (Date.now() - t0) / 1000,
      's',
      await page.getByTestId('knn-trained').textContent(),
      'vs',
      await page.getByTestId('knn-start').textContent(),
    );
    await page.close();
  }
  await site.close();
}, 900_000);
