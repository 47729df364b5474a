import * as tf from '@tensorflow/tfjs-core';
import { l2Normalize } from '@tessera/core';
import { assertCount, fail } from '../internal/fail';

/**
 * MoCo's queue of negatives (He et al. 2020): a FIFO of `size` key features, initialised with random
 * unit vectors. Enqueue a batch's keys **after** the loss has used the current queue (lightly#564).
 *
 * @example
 * ```ts
 * const queue = new FeatureQueue({ size: 4096, dim: 128, seed: 0 });
 * const loss = infoNceLoss(q, k, { negatives: queue.tensor(), temperature: 0.2 });
 * queue.enqueue(k);
 * ```
 * @category Memory
 */
export class FeatureQueue {
  readonly size: number;
  readonly dim: number;
  private queue: tf.Variable<tf.Rank.R2>;
  private pointer = 0;

  constructor({ size, dim, seed = 0 }: { size: number; dim: number; seed?: number }) {
    assertCount(size, 'FeatureQueue', 'size');
    assertCount(dim, 'FeatureQueue', 'dim');
    this.size = size;
    this.dim = dim;
    this.queue = tf.tidy(() =>
      tf.variable(l2Normalize(tf.randomNormal([size, dim], 0, 1, 'float32', seed)), false),
    );
  }

  /** The queue `[size, dim]` (the variable: do not dispose it). */
  tensor(): tf.Tensor2D {
    return this.queue;
  }

  /** Where the next batch goes (0 ≤ pointer < size): the oldest rows are overwritten first. */
  get position(): number {
    return this.pointer;
  }

  /** Writes `keys` `[B, dim]` (B ≤ size) over the oldest rows, wrapping around. No gradient flows. */
  enqueue(keys: tf.Tensor2D): void {
    if (
      !(keys instanceof tf.Tensor) ||
      keys.rank !== 2 ||
      keys.shape[1] !== this.dim ||
      keys.shape[0] > this.size
    ) {
      fail(
        'FeatureQueue.enqueue',
        'keys',
        `keys must be [B <= ${this.size}, ${this.dim}], got ${keys instanceof tf.Tensor ? `[${keys.shape.join(', ')}]` : typeof keys}.`,
      );
    }
    const b = keys.shape[0];
    const rows = Int32Array.from({ length: b }, (_, i) => (this.pointer + i) % this.size);
    tf.tidy(() => {
      this.queue.assign(
        tf.tensorScatterUpdate(this.queue, tf.tensor2d(rows, [b, 1], 'int32'), keys) as tf.Tensor2D,
      );
    });
    this.pointer = (this.pointer + b) % this.size;
  }

  /** A snapshot for checkpoints. */
  getState(): { size: number; dim: number; pointer: number; values: Float32Array } {
    return {
      size: this.size,
      dim: this.dim,
      pointer: this.pointer,
      values: this.queue.dataSync().slice() as Float32Array,
    };
  }

  /** Restores a snapshot. */
  setState(state: { size: number; dim: number; pointer: number; values: Float32Array }): void {
    if (
      state?.size !== this.size ||
      state.dim !== this.dim ||
      state.values?.length !== this.size * this.dim
    ) {
      fail('FeatureQueue.setState', 'state', `state must hold ${this.size} × ${this.dim} values.`);
    }
    tf.tidy(() => this.queue.assign(tf.tensor2d(state.values, [this.size, this.dim])));
    this.pointer = state.pointer;
  }

  dispose(): void {
    this.queue.dispose();
  }
}
