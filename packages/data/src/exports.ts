// @tessera/data — the exports both entries share; each entry adds its own loadMnist.
export { loadCocoJson } from './load-coco-json';
export type { CocoAnnotation, CocoCategory, CocoDataset, CocoImage } from './load-coco-json';
export { parseIdx } from './parse-idx';
export type { IdxArray } from './parse-idx';
export type { LoadMnistOptions, MnistDataset } from './mnist';
export { batches } from './batches';
export type { Batch, BatchesOptions, BatchSource } from './batches';
export { classSplit } from './class-split';
export { episodeSampler } from './samplers/episode-sampler';
export type { Episode, EpisodeSamplerOptions } from './samplers/episode-sampler';
export { pairSampler } from './samplers/pair-sampler';
export type { PairBatch, PairSamplerOptions } from './samplers/pair-sampler';
export { tripletSampler } from './samplers/triplet-sampler';
export type { TripletBatch } from './samplers/triplet-sampler';
export { classBalancedSampler } from './samplers/class-balanced-sampler';
export type { ClassBalancedSamplerOptions } from './samplers/class-balanced-sampler';
export type { Sampler } from './samplers/sampler';
export type { Labels } from './samplers/group-by-class';
