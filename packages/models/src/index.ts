// @tessera/models — encoders, heads, siamese networks, memory bank, queue, momentum encoder, prototypes.
// Named re-exports only (CONVENTIONS.md #14).

export { convEncoder } from './encoders/conv-encoder';
export { PREVIOUS_STAGE_POOL, withGridPool } from './encoders/with-grid-pool';
export { POWER_READOUT, withPowerReadout } from './encoders/with-power-readout';
export type { PowerReadoutOptions } from './encoders/with-power-readout';
export type { ConvEncoderOptions, GridPool, KernelInitializer } from './encoders/conv-encoder';
export { predictionHead, projectionHead } from './heads/projection-head';
export type { ProjectionHeadOptions } from './heads/projection-head';
export { denseInitializers } from './layers/dense-initializers';
export type { LayerInit } from './layers/layer-init';
export { siameseNetwork } from './siamese/siamese-network';
export type { SiameseNetwork } from './siamese/siamese-network';
export { MemoryBank } from './memory/memory-bank';
export type { MemoryBankOptions, MemoryBankState } from './memory/memory-bank';
export { FeatureQueue } from './memory/feature-queue';
export { MomentumEncoder } from './momentum/momentum-encoder';
export type { MomentumEncoderOptions } from './momentum/momentum-encoder';
export { prototypeClassifier } from './fewshot/prototype-classifier';
export type { PrototypeClassifier } from './fewshot/prototype-classifier';
export { resnetEncoder } from './encoders/resnet-encoder';
export { inferenceFunction } from './inference/inference-function';
export type { InferenceFunction } from './inference/inference-function';
export type { ResnetEncoderOptions } from './encoders/resnet-encoder';
export { autoencoder } from './generative/autoencoder';
export type { Autoencoder, AutoencoderOptions } from './generative/autoencoder';
export { reparameterize, variationalAutoencoder } from './generative/variational-autoencoder';
export type { VaeOutput, VariationalAutoencoder } from './generative/variational-autoencoder';
export { dcganDiscriminator, dcganGenerator } from './generative/dcgan';
export type { DcganDiscriminator } from './generative/dcgan';
export { cpcModel } from './cpc/cpc-model';
export type { CpcModel, CpcModelOptions } from './cpc/cpc-model';
