const checkpointMarker = Symbol.for('tessera.error.Checkpoint');
const trainingMarker = Symbol.for('tessera.error.Training');

/**
 * A checkpoint that cannot be restored into this run: a tensor it lacks, a model with other
 * weights or shapes (written by another configuration), a file that is not a checkpoint. The
 * arguments were fine; the saved state is not. Recognise it with {@link CheckpointError.isInstance}.
 * @example
 * ```ts
 * try {
 *   await pretrain({ ...options, resume: true });
 * } catch (e) {
 *   if (CheckpointError.isInstance(e)) console.log('start over:', e.detail);
 * }
 * ```
 * @category Errors
 */
export class CheckpointError extends Error {
  /** @internal Marks Tessera errors across duplicate installs. */
  readonly [checkpointMarker] = true;
  override readonly name = 'CheckpointError';
  /** The public function that read the checkpoint. */
  readonly functionName: string;
  /** The message without the `functionName: ` prefix. */
  readonly detail: string;

  constructor({
    functionName,
    detail,
    cause,
  }: {
    functionName: string;
    detail: string;
    cause?: unknown;
  }) {
    super(`${functionName}: ${detail}`, cause === undefined ? undefined : { cause });
    this.functionName = functionName;
    this.detail = detail;
  }

  /** True when `error` is a `CheckpointError` from any copy of `@tessera/core`. */
  static isInstance(error: unknown): error is CheckpointError {
    return typeof error === 'object' && error !== null && checkpointMarker in error;
  }
}

/** Why training stopped with a {@link TrainingError}. */
export type TrainingFailure = 'diverged' | 'data';

/**
 * Training that cannot go on: the loss became NaN or infinite (`'diverged'`), or a batch could
 * not be read from the data (`'data'`, the reader's error as `cause`). `step` is the 1-based step
 * that failed. Recognise it with {@link TrainingError.isInstance}.
 * @category Errors
 */
export class TrainingError extends Error {
  /** @internal Marks Tessera errors across duplicate installs. */
  readonly [trainingMarker] = true;
  override readonly name = 'TrainingError';
  readonly functionName: string;
  readonly reason: TrainingFailure;
  readonly step: number;
  /** The message without the `functionName: ` prefix. */
  readonly detail: string;

  constructor({
    functionName,
    reason,
    step,
    detail,
    cause,
  }: {
    functionName: string;
    reason: TrainingFailure;
    step: number;
    detail: string;
    cause?: unknown;
  }) {
    super(`${functionName}: ${detail}`, cause === undefined ? undefined : { cause });
    this.functionName = functionName;
    this.reason = reason;
    this.step = step;
    this.detail = detail;
  }

  /** True when `error` is a `TrainingError` from any copy of `@tessera/core`. */
  static isInstance(error: unknown): error is TrainingError {
    return typeof error === 'object' && error !== null && trainingMarker in error;
  }
}
