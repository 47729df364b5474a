import { playwright } from '@vitest/browser-playwright';
import { mergeConfig } from 'vitest/config';
import { sharedConfig } from './vitest.shared';

/**
 * Headless Chromium for browser tests: Debian's `/usr/bin/chromium` (or `CHROMIUM_PATH`), never a
 * Playwright browser download. Flags from TOOLCHAIN.md: no sandbox (root), no background network
 * (the machine has none), WebGPU enabled (SwiftShader renders WebGL and WebGPU here).
 */
const merged = mergeConfig(sharedConfig, {
  test: {
    include: ['src/**/*.browser.test.ts'],
    browser: {
      enabled: true,
      headless: true,
      screenshotFailures: false,
      provider: playwright({
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--disable-dev-shm-usage',
            '--enable-unsafe-webgpu',
          ],
        },
      }),
      instances: [{ browser: 'chromium' }],
    },
  },
});
// mergeConfig concatenates arrays: replace `include` so node tests stay out of the browser run.
merged.test!.include = ['src/**/*.browser.test.ts'];
export const browserConfig = merged;
