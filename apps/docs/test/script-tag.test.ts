import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright';
import { nms } from '@tessera/detection';
import { averagePrecision } from '@tessera/metrics';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chromiumLaunchOptions } from '../../../chromium.shared';

// The script-tag page of the usage guide (snippets/script-tag.html, shown verbatim in the guide),
// with its import map's CDN URLs pointed at this workspace's built files: it runs in headless
// Chromium with no bundler and prints what Node computes.
const snippet = readFileSync(
  fileURLToPath(new URL('../snippets/script-tag.html', import.meta.url)),
  'utf8',
);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const tfCore = join(
  dirname(
    createRequire(join(root, 'packages/core/package.json')).resolve(
      '@tensorflow/tfjs-core/package.json',
    ),
  ),
  'dist/tf-core.fesm.js',
);
const FILES: Record<string, string> = {
  '/pkg/tfjs-core.js': tfCore,
  '/pkg/core.js': join(root, 'packages/core/dist/index.js'),
  '/pkg/detection.js': join(root, 'packages/detection/dist/index.js'),
  '/pkg/metrics.js': join(root, 'packages/metrics/dist/index.js'),
};
const page = snippet
  .replace(
    'https://cdn.jsdelivr.net/npm/@tensorflow/tfjs-core@4.22.0/dist/tf-core.fesm.js',
    '/pkg/tfjs-core.js',
  )
  .replace(/https:\/\/cdn\.jsdelivr\.net\/npm\/@tessera\/(\w+)\/dist\/index\.js/g, '/pkg/$1.js');

let server: Server;
let browser: Browser;
let base = '';
beforeAll(async () => {
  for (const file of Object.values(FILES)) readFileSync(file); // fails clearly when a package is not built (turbo builds them first)
  server = createServer((req, res) => {
    const file = FILES[req.url ?? ''];
    if (req.url === '/') res.writeHead(200, { 'content-type': 'text/html' }).end(page);
    else if (file)
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(file));
    else if (req.url === '/favicon.ico') res.writeHead(204).end();
    else res.writeHead(404).end();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  browser = await chromium.launch(chromiumLaunchOptions);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await new Promise((ok) => server?.close(ok));
});

it("the usage guide's script-tag page runs without a bundler and prints Node's results", async () => {
  expect(page).not.toContain('cdn.jsdelivr.net'); // every URL was redirected to the workspace
  const tab = await browser.newPage();
  const errors: string[] = [];
  tab.on('pageerror', (e) => errors.push(e.message));
  tab.on('requestfailed', (r) => errors.push(`failed ${r.url()}`));
  const logged = new Promise<unknown[]>((ok) =>
    tab.on('console', async (m) => {
      if (m.type() === 'log') ok(await Promise.all(m.args().map((a) => a.jsonValue())));
      else if (m.type() === 'error') errors.push(m.text());
    }),
  );
  await tab.goto(base);
  const [kept, ap] = await logged;
  expect(errors).toEqual([]);
  const boxes = [
    [10, 10, 60, 60],
    [12, 12, 62, 62],
    [100, 100, 150, 150],
  ];
  expect(kept).toEqual(Array.from(nms(boxes, [0.9, 0.8, 0.7], { iouThreshold: 0.5 })));
  expect(kept).toEqual([0, 2]);
  expect(ap).toBe(averagePrecision([0.9, 0.8, 0.3, 0.2], [1, 0, 1, 0], { method: 'sklearn' }));
  await tab.close();
});
