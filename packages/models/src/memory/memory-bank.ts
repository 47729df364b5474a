import * as tf from '@tensorflow/tfjs-core';
import { createRng, l2Normalize, toInt32Array, type Rng, type TensorLike1D } from '@tessera/core';
import { assertCount, assertMomentum, fail } from '../internal/fail';

/** Options of {@link MemoryBank}. */
export interface MemoryBankOptions {
  /** Number of stored features (one per training example in InstDisc). */
  size: number;
  /** Feature dimension. */
  dim: number;
  /** Weight of the stored feature in an update: `v ← l2n(m·v + (1 − m)·f)`. Default `0.5` (InstDisc). */
  momentum?: number;
  /** Seed of the random initial rows and of negative sampling. Default `0`. */
  seed?: number;
}

/** A plain snapshot of a {@link MemoryBank}, for checkpoints. */
export interface MemoryBankState {
  readonly size: number;
  readonly dim: number;
  readonly momentum: number;
  readonly values: Float32Array;
}

/**
 * InstDisc's memory bank (Wu et al. 2018): one L2-normalised feature per training example, initialised
 * at random, updated with momentum after each step, read whole by the memory-bank losses
 * (`memoryBankLoss`, `nceMemoryBankLoss`) and sampled for negatives.
 *
 * @example
 * ```ts
 * const bank = new MemoryBank({ size: 60000, dim: 128, momentum: 0.5, seed: 0 });
 * const loss = memoryBankLoss(features, bank.tensor(), indices, { temperature: 0.07 });
 * bank.update(indices, features); // after the step
 * ```
 * @category Memory
 */
export class MemoryBank {
  readonly size: number;
  readonly dim: number;
  readonly momentum: number;
  private bank: tf.Variable<tf.Rank.R2>;
  private readonly rng: Rng;

  constructor({ size, dim, momentum = 0.5, seed = 0 }: MemoryBankOptions) {
    assertCount(size, 'MemoryBank', 'size');
    assertCount(dim, 'MemoryBank', 'dim');
    assertMomentum(momentum, 'MemoryBank');
    this.size = size;
    this.dim = dim;
    this.momentum = momentum;
    this.rng = createRng(seed);
    const seedForInit = this.rng.tfSeed();
    this.bank = tf.tidy(() =>
      tf.variable(l2Normalize(tf.randomNormal([size, dim], 0, 1, 'float32', seedForInit)), false),
    );
  }

  /** The bank `[size, dim]` (the variable itself: do not dispose it; it changes on `update`). */
  tensor(): tf.Tensor2D {
    return this.bank;
  }

  /** Rows at `indices`, `[B, dim]` (a new tensor). */
  rows(indices: tf.Tensor1D | TensorLike1D): tf.Tensor2D {
    const idx = this.readIndices(indices, 'rows');
    return tf.tidy(() => tf.gather(this.bank, tf.tensor1d(idx, 'int32')));
  }

  /**
   * InstDisc's update: each listed row becomes `l2n(m·v + (1 − m)·l2n(f))`. A repeated index takes
   * its last feature (rows are not accumulated). Never receives gradients.
   *
   * @param indices - `[B]` rows to update.
   * @param features - `[B, dim]` the batch's features (normalised here).
   */
  update(indices: tf.Tensor1D | TensorLike1D, features: tf.Tensor2D): void {
    const idx = this.readIndices(indices, 'update');
    if (
      !(features instanceof tf.Tensor) ||
      features.rank !== 2 ||
      features.shape[0] !== idx.length ||
      features.shape[1] !== this.dim
    ) {
      fail(
        'MemoryBank.update',
        'features',
        `features must be [${idx.length}, ${this.dim}], got ${features instanceof tf.Tensor ? `[${features.shape.join(', ')}]` : typeof features}.`,
      );
    }
    // the last occurrence of each index wins
    const last = new Map<number, number>();
    idx.forEach((row, k) => last.set(row, k));
    const rows = Int32Array.from(last.keys());
    const from = Int32Array.from(last.values());
    tf.tidy(() => {
      const f = l2Normalize(tf.gather(features, tf.tensor1d(from, 'int32')));
      const rowIndex = tf.tensor1d(rows, 'int32');
      const old = tf.gather(this.bank, rowIndex);
      const updated = l2Normalize(tf.add(tf.mul(old, this.momentum), tf.mul(f, 1 - this.momentum)));
      this.bank.assign(
        tf.tensorScatterUpdate(this.bank, tf.reshape(rowIndex, [-1, 1]), updated) as tf.Tensor2D,
      );
    });
  }

  /**
   * `k` random row indices per entry of `exclude` (never that entry's own row), or `k` overall:
   * `[B, k]` as an `Int32Array` row-major — InstDisc's NCE noise samples.
   */
  sampleNegatives(
    k: number,
    { exclude }: { exclude?: tf.Tensor1D | TensorLike1D } = {},
  ): Int32Array {
    assertCount(k, 'MemoryBank.sampleNegatives', 'k');
    const own = exclude === undefined ? null : this.readIndices(exclude, 'sampleNegatives');
    if (own && this.size < 2)
      fail('MemoryBank.sampleNegatives', 'exclude', 'a bank of one row has no negatives.');
    const rows = own ? own.length : 1;
    const out = new Int32Array(rows * k);
    for (let b = 0; b < rows; b++) {
      for (let j = 0; j < k; j++) {
        let v = this.rng.nextInt(own ? this.size - 1 : this.size);
        if (own && v >= own[b]!) v++; // uniform over the other rows
        out[b * k + j] = v;
      }
    }
    return out;
  }

  /** A snapshot (values copied) for checkpoints. */
  getState(): MemoryBankState {
    return {
      size: this.size,
      dim: this.dim,
      momentum: this.momentum,
      values: this.bank.dataSync().slice() as Float32Array,
    };
  }

  /** Restores a snapshot taken with `getState` (same size and dim). */
  setState(state: MemoryBankState): void {
    if (
      state?.size !== this.size ||
      state.dim !== this.dim ||
      state.values?.length !== this.size * this.dim
    ) {
      fail('MemoryBank.setState', 'state', `state must hold ${this.size} × ${this.dim} values.`);
    }
    tf.tidy(() => this.bank.assign(tf.tensor2d(state.values, [this.size, this.dim])));
  }

  /**
   * Saves the bank through any `tf.io` handler — `fileSystemHandler(dir)` from
   * `@tessera/models/node`, `indexeddb://…`, `tf.io.withSaveHandler` — as one float32 weight
   * `bank` `[size, dim]` with size, dim and momentum in the metadata.
   */
  async save(handler: tf.io.IOHandler): Promise<tf.io.SaveResult> {
    if (!handler?.save)
      fail('MemoryBank.save', 'handler', 'handler must be a tf.io handler with save().');
    const values = this.bank.dataSync() as Float32Array;
    return handler.save({
      modelTopology: { class_name: 'TesseraMemoryBank' },
      format: 'tessera-memory-bank',
      weightSpecs: [{ name: 'bank', shape: [this.size, this.dim], dtype: 'float32' }],
      weightData: values.slice().buffer,
      userDefinedMetadata: { size: this.size, dim: this.dim, momentum: this.momentum },
    });
  }

  /** Loads a bank written by {@link MemoryBank.save}. `seed` seeds its negative sampling. */
  static async load(
    handler: tf.io.IOHandler,
    { seed = 0 }: { seed?: number } = {},
  ): Promise<MemoryBank> {
    if (!handler?.load)
      fail('MemoryBank.load', 'handler', 'handler must be a tf.io handler with load().');
    const artifacts = await handler.load();
    const meta = artifacts.userDefinedMetadata as
      { size?: number; dim?: number; momentum?: number } | undefined;
    if (
      artifacts.format !== 'tessera-memory-bank' ||
      !meta ||
      !artifacts.weightData ||
      !artifacts.weightSpecs
    ) {
      fail(
        'MemoryBank.load',
        'handler',
        'the handler does not hold a memory bank written by MemoryBank.save.',
      );
    }
    const bank = new MemoryBank({
      size: meta.size!,
      dim: meta.dim!,
      momentum: meta.momentum!,
      seed,
    });
    const { bank: values } = tf.io.decodeWeights(artifacts.weightData, artifacts.weightSpecs);
    bank.setState({
      size: bank.size,
      dim: bank.dim,
      momentum: bank.momentum,
      values: values!.dataSync() as Float32Array,
    });
    values!.dispose();
    return bank;
  }

  /** Frees the bank. */
  dispose(): void {
    this.bank.dispose();
  }

  private readIndices(indices: tf.Tensor1D | TensorLike1D, method: string): Int32Array {
    const idx = toInt32Array(indices, {
      functionName: `MemoryBank.${method}`,
      argument: 'indices',
    });
    idx.forEach((v, i) => {
      if (v < 0 || v >= this.size)
        fail(
          `MemoryBank.${method}`,
          'indices',
          `indices[${i}] = ${v} is outside [0, ${this.size}).`,
        );
    });
    return idx;
  }
}
