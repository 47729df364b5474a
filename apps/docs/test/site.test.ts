import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright';
import { nms } from '@tessera/detection';
import { averagePrecision } from '@tessera/metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumLaunchOptions } from '../../../chromium.shared';
import { DEMO_BOXES, DEMO_SCORES } from '../.vitepress/theme/nms-demo-boxes';
import { DEMO_LABELS_TEXT, DEMO_SCORES_TEXT, parseNumbers } from '../.vitepress/theme/pr-demo-data';

// The built site (`pnpm docs:build` → .vitepress/dist) served over HTTP and opened in Debian's
// headless Chromium: every guide and the API index load without console errors and show their title.
const DIST = fileURLToPath(new URL('../.vitepress/dist/', import.meta.url));
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};
const PAGES = [
  ['/', 'Tessera'],
  ['/guide/getting-started', 'Getting started'],
  ['/guide/backends', 'Backends'],
  ['/guide/training', 'Training and evaluating a representation'],
  ['/guide/contrastive', 'Contrastive learning'],
  ['/guide/augmentation', 'Augmentations and pretext tasks'],
  ['/guide/few-shot', 'Siamese networks and few-shot learning'],
  ['/guide/anchors-iou-nms', 'Anchors, IoU and NMS'],
  ['/guide/pr-ap-coco', 'Precision-recall, AP and COCO mAP'],
  ['/api/', 'API reference'],
  ['/api/@tessera/detection/functions/nms', 'nms'],
  ['/demos/nms', 'IoU and NMS playground'],
  ['/demos/pr-curve', 'Precision-recall and AP'],
] as const;

let server: Server;
let browser: Browser;
let base = '';

function resolveFile(url: string): string | null {
  const path = decodeURIComponent(url.split('?')[0]!);
  for (const candidate of [path, `${path}.html`, join(path, 'index.html')]) {
    const file = join(DIST, candidate);
    if (file.startsWith(DIST) && existsSync(file) && statSync(file).isFile()) return file;
  }
  return null;
}

beforeAll(async () => {
  if (!existsSync(join(DIST, 'index.html')))
    throw new Error(`no built site in ${DIST}: run pnpm docs:build first.`);
  server = createServer((req, res) => {
    const file = resolveFile(req.url ?? '/');
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res
      .writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
      .end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  // the site does not need WebGPU, but the same launch as every browser test costs nothing
  browser = await chromium.launch(chromiumLaunchOptions);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((ok) => server?.close(ok));
});

describe('the built docs site in headless Chromium', () => {
  for (const [path, title] of PAGES) {
    it(`${path} loads without console errors and shows "${title}"`, async () => {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('response', (r) => {
        if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
      });
      const response = await page.goto(`${base}${path}`, { waitUntil: 'networkidle' });
      expect(response?.status()).toBe(200);
      const heading = await page.locator('h1').first().textContent();
      expect(heading ?? '').toContain(title);
      expect(errors, errors.join('\n')).toEqual([]);
      await page.close();
    });
  }
});

describe('the NMS playground', () => {
  it('keeps what nms keeps in Node, at the default threshold and after moving the slider; renders', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/demos/nms`, { waitUntil: 'networkidle' });
    const keptIn = async () =>
      (await page.getByTestId('kept').textContent())!.split(', ').map(Number);
    expect(await keptIn()).toEqual(Array.from(nms(DEMO_BOXES, DEMO_SCORES, { iouThreshold: 0.5 })));
    await page.locator('.nms-playground input[type=range]').fill('0.2');
    expect(await page.getByTestId('threshold').textContent()).toBe('0.20');
    expect(await keptIn()).toEqual(Array.from(nms(DEMO_BOXES, DEMO_SCORES, { iouThreshold: 0.2 })));
    expect(await page.locator('.nms-playground rect.kept').count()).toBeGreaterThan(0);
    expect(await page.locator('.nms-playground table.iou td').count()).toBe(DEMO_BOXES.length ** 2);
    const shot = await page.locator('.nms-playground').screenshot();
    expect(shot.byteLength).toBeGreaterThan(5000); // a blank region compresses to a few hundred bytes
    await page.close();
  });
});

describe('the PR / AP demo', () => {
  it('shows the four APs that averagePrecision computes in Node, and follows edits', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/demos/pr-curve`, { waitUntil: 'networkidle' });
    const check = async (scoresText: string, labelsText: string) => {
      const scores = parseNumbers(scoresText);
      const labels = parseNumbers(labelsText);
      for (const [id, method] of [
        ['ap-sklearn', 'sklearn'],
        ['ap-voc11', 'voc11'],
        ['ap-voc', 'voc'],
        ['ap-coco', 'coco101'],
      ] as const) {
        expect(await page.getByTestId(id).textContent()).toBe(
          averagePrecision(scores, labels, { method }).toFixed(4),
        );
      }
    };
    await check(DEMO_SCORES_TEXT, DEMO_LABELS_TEXT);
    await page.getByTestId('labels').fill('0 1 1 0 1 0 1 1 0 0 1 0');
    await check(DEMO_SCORES_TEXT, '0 1 1 0 1 0 1 1 0 0 1 0');
    expect(await page.locator('.pr-demo polyline').count()).toBe(1);
    await page.getByTestId('labels').fill('1 2');
    expect(await page.getByTestId('error').textContent()).toMatch(
      /averagePrecision|precisionRecallCurve/,
    );
    await page.close();
  });
});
