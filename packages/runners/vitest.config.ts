import { mergeConfig } from 'vitest/config';
import { sharedConfig } from '../../vitest.shared';

export default mergeConfig(sharedConfig, {
  test: { exclude: ['src/**/*.browser.test.ts', 'node_modules/**'] },
});
