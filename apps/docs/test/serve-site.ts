import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright';
import { chromiumLaunchOptions } from '../../../chromium.shared';

// The built site (`pnpm docs:build` → .vitepress/dist) served over HTTP and opened in Debian's
// headless Chromium (flags in chromium.shared.ts).
const DIST = fileURLToPath(new URL('../.vitepress/dist/', import.meta.url));
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
};

function resolveFile(url: string): string | null {
  const path = decodeURIComponent(url.split('?')[0]!);
  for (const candidate of [path, `${path}.html`, join(path, 'index.html')]) {
    const file = join(DIST, candidate);
    if (file.startsWith(DIST) && existsSync(file) && statSync(file).isFile()) return file;
  }
  return null;
}

export interface Site {
  readonly base: string;
  readonly browser: Browser;
  /** Opens `path` and records console errors, failed requests and page errors into `errors`. */
  open(path: string): Promise<{ page: Page; errors: string[] }>;
  close(): Promise<void>;
}

export async function startSite(): Promise<Site> {
  if (!existsSync(join(DIST, 'index.html')))
    throw new Error(`no built site in ${DIST}: run pnpm docs:build first.`);
  const server = createServer((req, res) => {
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
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  let browser: Browser;
  try {
    browser = await chromium.launch(chromiumLaunchOptions);
  } catch (e) {
    server.close();
    throw new Error(
      `headless Chromium could not start (${chromiumLaunchOptions.executablePath}): ${(e as Error).message}. ` +
        'Install it with `apt-get install chromium` (what .ci/run does) or set CHROMIUM_PATH.',
      { cause: e },
    );
  }
  return {
    base,
    browser,
    async open(path) {
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
      if (response?.status() !== 200) errors.push(`HTTP ${response?.status()} for ${path}`);
      return { page, errors };
    },
    async close() {
      await browser.close();
      await new Promise((ok) => server.close(ok));
    },
  };
}

/**
 * A PNG screenshot's size: a blank region compresses to a few hundred bytes, a rendered demo to
 * many kilobytes.
 */
export const NON_BLANK_PNG_BYTES = 5000;

const SHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));

/** Keeps a demo's screenshot in test/screenshots/ (git-ignored) for a person to look at. */
export function keepScreenshot(name: string, png: Buffer): void {
  mkdirSync(SHOTS, { recursive: true });
  writeFileSync(join(SHOTS, `${name}.png`), png);
}
