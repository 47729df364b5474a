/** One stored tensor of a checkpoint. @category Checkpoints */
export interface CheckpointTensorSpec {
  readonly name: string;
  readonly dtype: 'float32' | 'int32';
  readonly shape: readonly number[];
  /** Byte offset in the checkpoint's data. */
  readonly offset: number;
  readonly byteLength: number;
}

/** The JSON half of a checkpoint. @category Checkpoints */
export interface CheckpointManifest {
  readonly format: 'tessera-checkpoint';
  readonly version: 1;
  /** Optimizer steps taken. */
  readonly step: number;
  /** Training seconds spent (budgets continue from it). */
  readonly trainSeconds: number;
  readonly method: string;
  /** The run's configuration (what `pretrain` was called with, as JSON). */
  readonly config: unknown;
  /** Loss of every step so far. */
  readonly losses: readonly number[];
  /** Names of each optimizer's weights, in `getWeights()` order. */
  readonly optimizers: Readonly<Record<string, readonly string[]>>;
  /** JSON state of the method (queue pointer, …). */
  readonly methodState?: unknown;
  readonly tensors: readonly CheckpointTensorSpec[];
  /** Length and FNV-1a checksum of the data, checked on load. */
  readonly byteLength: number;
  readonly checksum: number;
  readonly createdAt: string;
}

/** A checkpoint: its manifest and the bytes of its tensors. @category Checkpoints */
export interface Checkpoint {
  readonly manifest: CheckpointManifest;
  readonly data: Uint8Array;
}

/**
 * Where checkpoints go. `save` must be atomic: a crash while saving leaves the previous checkpoint
 * loadable and never a half-written one that loads. `loadLatest` returns the newest checkpoint that
 * passes its checks, or `null`.
 * @category Checkpoints
 */
export interface CheckpointStore {
  save(checkpoint: Checkpoint): Promise<void>;
  loadLatest(): Promise<Checkpoint | null>;
  /** Where it writes, for messages. */
  readonly location: string;
}
