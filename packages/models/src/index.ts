// @tessera/models — encoders, heads, siamese networks, memory bank, queue, momentum encoder, prototypes.
// Named re-exports only (CONVENTIONS.md #14).

export { convEncoder } from './encoders/conv-encoder';
export type { ConvEncoderOptions } from './encoders/conv-encoder';
export { predictionHead, projectionHead } from './heads/projection-head';
export type { ProjectionHeadOptions } from './heads/projection-head';
export { siameseNetwork } from './siamese/siamese-network';
export type { SiameseNetwork } from './siamese/siamese-network';
export { MemoryBank } from './memory/memory-bank';
export type { MemoryBankOptions, MemoryBankState } from './memory/memory-bank';
export { FeatureQueue } from './memory/feature-queue';
export { MomentumEncoder } from './momentum/momentum-encoder';
export type { MomentumEncoderOptions } from './momentum/momentum-encoder';
export { prototypeClassifier } from './fewshot/prototype-classifier';
export type { PrototypeClassifier } from './fewshot/prototype-classifier';
