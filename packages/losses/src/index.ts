// @tessera/losses — contrastive, metric-learning, non-contrastive, generative, style and detection losses.
// Named re-exports only (CONVENTIONS.md #14).

export { pairwiseCosineSimilarity, pairwiseEuclideanDistance } from './distances';
// l2Normalize lives in @tessera/core (models and metrics use it too); re-exported so imports keep working
export { l2Normalize } from '@tessera/core';

export { ntXentLoss } from './nt-xent-loss';
export type { NtXentLossOptions } from './nt-xent-loss';
export { infoNceLoss } from './info-nce-loss';
export type { InfoNceLossOptions } from './info-nce-loss';
export { memoryBankLoss } from './memory-bank-loss';
export type { MemoryBankLossOptions } from './memory-bank-loss';
export { nceMemoryBankLoss, estimateNceNormalizer } from './nce-memory-bank-loss';
export type { NceMemoryBankLossOptions } from './nce-memory-bank-loss';
export { cpcLoss } from './cpc-loss';
export type { CpcLossOptions } from './cpc-loss';
export { multiViewContrastiveLoss } from './multi-view-contrastive-loss';
export type { MultiViewContrastiveLossOptions, MultiViewMode } from './multi-view-contrastive-loss';
export { supConLoss } from './sup-con-loss';
export type { SupConLossOptions } from './sup-con-loss';

export { contrastiveLoss } from './contrastive-loss';
export type { ContrastiveLossOptions } from './contrastive-loss';
export { tripletMarginLoss } from './triplet-margin-loss';
export type { TripletMarginLossOptions } from './triplet-margin-loss';
export { batchHardTripletLoss } from './batch-hard-triplet-loss';
export type { BatchHardTripletLossOptions } from './batch-hard-triplet-loss';
export { batchAllTripletLoss } from './batch-all-triplet-loss';
export type { BatchAllTripletLossOptions } from './batch-all-triplet-loss';

export { negativeCosineSimilarity } from './negative-cosine-similarity';
export type { NegativeCosineSimilarityOptions } from './negative-cosine-similarity';
export { byolLoss } from './byol-loss';
export { barlowTwinsLoss } from './barlow-twins-loss';
export type { BarlowTwinsLossOptions } from './barlow-twins-loss';
export { vicRegLoss } from './vic-reg-loss';
export type { VicRegLossOptions } from './vic-reg-loss';

export { reconstructionLoss } from './reconstruction-loss';
export type { ReconstructionLossOptions } from './reconstruction-loss';
export { vaeKlDivergence } from './vae-kl-divergence';
export { ganDiscriminatorLoss } from './gan-discriminator-loss';
export type { GanDiscriminatorKind } from './gan-discriminator-loss';
export { ganGeneratorLoss } from './gan-generator-loss';
export type { GanGeneratorKind } from './gan-generator-loss';

export { gramMatrix } from './gram-matrix';
export { contentLoss } from './content-loss';
export { styleLoss } from './style-loss';
export { totalVariationLoss } from './total-variation-loss';

export { smoothL1Loss } from './smooth-l1-loss';
export { focalLoss } from './focal-loss';
