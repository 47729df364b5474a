// The launch options live in chromium.shared.mjs, which the plain-JS scripts (the consumer test's
// web app) import too.
export { chromiumLaunchOptions } from './chromium.shared.mjs';
