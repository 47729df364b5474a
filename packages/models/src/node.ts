// @tessera/models/node — Node-only helpers (file system). Not part of the browser bundle.
export { fileSystemHandler } from './node/file-system-handler';
