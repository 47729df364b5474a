import { nms } from '@tessera/detection';
import { averagePrecision } from '@tessera/metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BOXES, DEMO_SCORES } from '../.vitepress/theme/nms-demo-boxes';
import { DEMO_LABELS_TEXT, DEMO_SCORES_TEXT, parseNumbers } from '../.vitepress/theme/pr-demo-data';
import { keepScreenshot, NON_BLANK_PNG_BYTES, type Site, startSite } from './serve-site';

// Every guide, demo and the API index of the built site load in headless Chromium without console
// errors and show their title; the NMS and PR demos agree with the library run in Node.

const PAGES = [
  ['/', 'Tessera'],
  ['/guide/getting-started', 'Getting started'],
  ['/guide/backends', 'Backends'],
  ['/guide/training', 'Training and evaluating a representation'],
  ['/guide/own-images', 'Train on your own images'],
  ['/guide/usage', 'Using Tessera from Node, a Vite app, or a script tag'],
  ['/guide/contrastive', 'Contrastive learning'],
  ['/guide/cpc-cmc', 'CPC and CMC'],
  ['/guide/generative', 'Autoencoders, VAEs and GANs'],
  ['/guide/augmentation', 'Augmentations and pretext tasks'],
  ['/guide/few-shot', 'Siamese networks and few-shot learning'],
  ['/guide/anchors-iou-nms', 'Anchors, IoU and NMS'],
  ['/guide/pr-ap-coco', 'Precision-recall, AP and COCO mAP'],
  ['/api/', 'API reference'],
  ['/api/@tessera/detection/functions/nms', 'nms'],
  ['/demos/nms', 'IoU and NMS playground'],
  ['/demos/pr-curve', 'Precision-recall and AP'],
  ['/demos/augmentation', 'Augmentation explorer'],
  ['/demos/simclr', 'Train SimCLR in your browser'],
  ['/demos/few-shot', 'Few-shot: draw a digit'],
] as const;

let site: Site;
let base = '';
beforeAll(async () => {
  site = await startSite();
  base = site.base;
}, 60_000);
afterAll(() => site?.close());

describe('the built docs site in headless Chromium', () => {
  for (const [path, title] of PAGES) {
    it(`${path} loads without console errors and shows "${title}"`, async () => {
      const { page, errors } = await site.open(path);
      const heading = await page.locator('h1').first().textContent();
      expect(heading ?? '').toContain(title);
      expect(errors, errors.join('\n')).toEqual([]);
      await page.close();
    });
  }
});

describe('the NMS playground', () => {
  it('keeps what nms keeps in Node, at the default threshold and after moving the slider; renders', async () => {
    const page = await site.browser.newPage();
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
    keepScreenshot('nms', shot);
    expect(shot.byteLength).toBeGreaterThan(NON_BLANK_PNG_BYTES);
    await page.close();
  });
});

describe('the PR / AP demo', () => {
  it('shows the four APs that averagePrecision computes in Node, and follows edits', async () => {
    const page = await site.browser.newPage();
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
    const shot = await page.locator('.pr-demo').screenshot();
    keepScreenshot('pr-curve', shot);
    expect(shot.byteLength).toBeGreaterThan(NON_BLANK_PNG_BYTES);
    await page.getByTestId('labels').fill('1 2');
    expect(await page.getByTestId('error').textContent()).toMatch(
      /averagePrecision|precisionRecallCurve/,
    );
    await page.close();
  });
});
