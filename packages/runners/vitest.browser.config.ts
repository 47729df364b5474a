import { browserConfig } from '../../vitest.browser.shared';

export default browserConfig;
