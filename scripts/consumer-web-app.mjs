// The consumer test's web app: a page that imports the installed tarballs (never the workspace's
// sources), built with `vite build` and opened in headless Chromium. The page starts the wasm
// backend with the bundle's .wasm URLs (the documented Vite recipe), runs NMS, a COCO evaluation
// and one SimCLR step, and leaves its results in `window.__result`.
import { createReadStream, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { run } from './run-command.mjs';

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>consumer</title></head>
<body><script type="module" src="./main.js"></script></body></html>
`;

const MAIN = `import * as tf from '@tensorflow/tfjs-core';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { nmsAsync } from '@tessera/detection';
import { evaluateCoco } from '@tessera/metrics';
import { createRunner } from '@tessera/runners';

async function main() {
  const runner = await createRunner({
    backend: 'wasm',
    wasmPaths: {
      'tfjs-backend-wasm.wasm': wasmPlain,
      'tfjs-backend-wasm-simd.wasm': wasmSimd,
      'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
    },
  });
  const boxes = tf.tensor2d([[0, 0, 10, 10], [1, 1, 11, 11], [20, 20, 30, 30]]);
  const scores = tf.tensor1d([0.9, 0.8, 0.7]);
  const kept = Array.from(await nmsAsync(boxes, scores, { iouThreshold: 0.5 }));
  const coco = evaluateCoco(
    {
      images: [{ id: 1 }],
      categories: [{ id: 1 }],
      annotations: [{ id: 1, image_id: 1, category_id: 1, bbox: [0, 0, 10, 10], area: 100, iscrowd: 0 }],
    },
    [{ image_id: 1, category_id: 1, bbox: [0, 0, 10, 10], score: 0.9 }],
  );
  const n = 16;
  const images = new Float32Array(n * 28 * 28).map((_, i) => ((i * 2654435761) % 1000) / 1000);
  const run = await runner.pretrain({
    method: 'simclr',
    data: { images, shape: [n, 28, 28, 1] },
    batchSize: n,
    maxSteps: 1,
  });
  return { backend: tf.getBackend(), kept, ap: coco.statsByName.AP, steps: run.steps, loss: run.losses[0] };
}
main().then(
  (result) => (window.__result = result),
  (error) => (window.__result = { error: String(error?.stack ?? error) }),
);
`;

const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
};

/** Serves `dir` on a free local port; resolves to the server. */
function serve(dir) {
  const server = createServer((req, res) => {
    const file = path.join(dir, decodeURIComponent(new URL(req.url, 'http://x').pathname));
    const target =
      existsSync(file) && statSync(file).isDirectory() ? path.join(file, 'index.html') : file;
    if (!target.startsWith(dir) || !existsSync(target)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[path.extname(target)] ?? 'application/octet-stream',
    });
    createReadStream(target).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/**
 * Builds the web app in `app/web` against `app/node_modules` with the workspace's Vite, opens it in
 * headless Chromium and returns `window.__result`; throws with the page's error.
 */
export async function runWebApp(app, root) {
  const web = path.join(app, 'web');
  mkdirSync(web, { recursive: true });
  writeFileSync(path.join(web, 'index.html'), PAGE);
  writeFileSync(path.join(web, 'main.js'), MAIN);
  run(
    path.join(root, 'node_modules/.bin/vite'),
    ['build', web, '--outDir', path.join(web, 'dist'), '--logLevel', 'error'],
    app,
  );
  const { chromium } = await import('playwright');
  const { chromiumLaunchOptions } = await import('../chromium.shared.mjs');
  const server = await serve(path.join(web, 'dist'));
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForFunction(() => globalThis.__result !== undefined, null, { timeout: 120_000 });
    const result = await page.evaluate(() => globalThis.__result);
    if (result.error) throw new Error(result.error);
    return result;
  } finally {
    await browser.close();
    server.close();
  }
}
