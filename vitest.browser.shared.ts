import { playwright } from '@vitest/browser-playwright';
import { mergeConfig } from 'vitest/config';
import { chromiumLaunchOptions } from './chromium.shared';
import { sharedConfig } from './vitest.shared';

/** vitest browser mode in headless Chromium (see chromium.shared.ts). */
const merged = mergeConfig(sharedConfig, {
  test: {
    include: ['src/**/*.browser.test.ts'],
    browser: {
      enabled: true,
      headless: true,
      screenshotFailures: false,
      provider: playwright({
        launchOptions: chromiumLaunchOptions,
      }),
      instances: [{ browser: 'chromium' }],
    },
  },
});
// mergeConfig concatenates arrays: replace `include` so node tests stay out of the browser run.
merged.test!.include = ['src/**/*.browser.test.ts'];
export const browserConfig = merged;
