import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel, LayerVariable } from '@tensorflow/tfjs-layers';
import { fail, assertMomentum } from '../internal/fail';

/** Options of {@link MomentumEncoder}. */
export interface MomentumEncoderOptions {
  /** EMA weight of the copy: `w_t ← m·w_t + (1 − m)·w_o`. Default `0.99`. */
  momentum?: number;
  /**
   * `'constant'` (MoCo) or `'cosine'` (BYOL: m rises from `momentum` to 1 over `totalSteps`,
   * `m_k = 1 − (1 − m)·(cos(π k / K) + 1) / 2`). Default `'constant'`.
   */
  schedule?: 'constant' | 'cosine';
  /** K of the cosine schedule. */
  totalSteps?: number;
}

/**
 * A slowly moving copy of a model (MoCo's key encoder, BYOL's target network): same architecture,
 * its own weights, never trained by gradients — `update()` moves each weight toward the online
 * model's by the EMA rule (every weight, batch-norm statistics included, paired by name).
 *
 * @example
 * ```ts
 * const target = new MomentumEncoder(online, { momentum: 0.996, schedule: 'cosine', totalSteps });
 * // after each optimizer step:
 * target.update(step);
 * const z = target.model.predict(x) as tf.Tensor;
 * ```
 * @category Momentum
 */
export class MomentumEncoder {
  /** The EMA copy; its layers are not trainable. */
  readonly model: LayersModel;
  readonly momentum: number;
  private readonly pairs: ReadonlyArray<readonly [LayerVariable, LayerVariable]>;
  private readonly schedule: 'constant' | 'cosine';
  private readonly totalSteps: number;

  /**
   * @param online - The model being trained. Its architecture is copied (`getConfig`) and its
   *   current weights become the copy's starting point.
   */
  constructor(
    online: LayersModel,
    { momentum = 0.99, schedule = 'constant', totalSteps }: MomentumEncoderOptions = {},
  ) {
    if (!online || typeof (online as LayersModel).getWeights !== 'function') {
      fail('MomentumEncoder', 'model', 'model must be a tf.LayersModel.');
    }
    assertMomentum(momentum, 'MomentumEncoder');
    if (schedule !== 'constant' && schedule !== 'cosine') {
      fail(
        'MomentumEncoder',
        'schedule',
        `schedule must be 'constant' or 'cosine', got ${JSON.stringify(schedule)}.`,
      );
    }
    if (schedule === 'cosine' && !(Number.isInteger(totalSteps) && (totalSteps as number) >= 1)) {
      fail(
        'MomentumEncoder',
        'totalSteps',
        `the cosine schedule needs totalSteps >= 1, got ${totalSteps}.`,
      );
    }
    this.momentum = momentum;
    this.schedule = schedule;
    this.totalSteps = totalSteps ?? 1;
    const cls = online.constructor as unknown as {
      fromConfig: (c: unknown, config: unknown) => LayersModel;
    };
    this.model = cls.fromConfig(online.constructor, online.getConfig());
    // pair weights by their original names: the order of `weights` changes with trainability
    const byName = new Map(online.weights.map((w) => [w.originalName, w]));
    this.pairs = this.model.weights.map((w) => {
      const source = byName.get(w.originalName);
      if (!source)
        fail(
          'MomentumEncoder',
          'model',
          `the copy has a weight '${w.originalName}' the model lacks.`,
        );
      return [w, source] as const;
    });
    tf.tidy(() => this.pairs.forEach(([w, source]) => w.write(tf.clone(source.read()))));
    this.model.trainable = false;
  }

  /** The momentum used at `step` (constant, or the cosine schedule's value). */
  momentumAt(step = 0): number {
    if (this.schedule === 'constant') return this.momentum;
    const k = Math.min(Math.max(step, 0), this.totalSteps);
    return 1 - ((1 - this.momentum) * (Math.cos((Math.PI * k) / this.totalSteps) + 1)) / 2;
  }

  /** One EMA step: every weight of the copy moves toward the online model's. Returns the momentum used. */
  update(step = 0): number {
    const m = this.momentumAt(step);
    tf.tidy(() => {
      this.pairs.forEach(([w, source]) =>
        w.write(tf.add(tf.mul(w.read(), m), tf.mul(source.read(), 1 - m))),
      );
    });
    return m;
  }

  dispose(): void {
    this.model.dispose();
  }
}
