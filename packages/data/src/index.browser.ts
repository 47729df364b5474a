// @tessera/data — browser entry: loadMnist fetches the IDX files from a URL.
export { loadMnist } from './load-mnist-browser';
export type { LoadMnistBrowserOptions } from './load-mnist-browser';
export * from './exports';
