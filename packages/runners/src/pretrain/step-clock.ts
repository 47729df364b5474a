/**
 * The time a run spends, split the way `PretrainResult.timings` reports it: gathering the batch,
 * augmenting (told by the method's views through {@link StepClock.recordAugment}) and the rest of
 * the step (forward, backward, update). Keeps the last steps' durations for the pace and ETA.
 * @internal
 */
export class StepClock {
  /** Training seconds of the whole run, the resumed part included. */
  trainSeconds: number;
  /** Seconds in each phase since this call started (or resumed). */
  readonly timings = { data: 0, augment: 0, step: 0 };
  /** Seconds of each step taken since this call started. */
  readonly stepSeconds: number[] = [];
  private readonly recent: number[] = [];
  private augmentSeconds = 0;
  private started = 0;
  private batchReady = 0;

  constructor(
    trainSeconds = 0,
    private readonly window = 10,
  ) {
    this.trainSeconds = trainSeconds;
  }

  /** Adds seconds of augmentation to the current step (a method's views call it). */
  readonly recordAugment = (seconds: number): void => {
    this.augmentSeconds += seconds;
  };

  /** A step begins: its batch is about to be gathered. */
  startStep(): void {
    this.started = performance.now();
  }

  /** The batch is gathered; the method's step begins. */
  batchGathered(): void {
    this.batchReady = performance.now();
    this.augmentSeconds = 0;
  }

  /** The step's loss is read back: the step is over. */
  endStep(): void {
    const now = performance.now();
    const seconds = (now - this.started) / 1000;
    this.timings.data += (this.batchReady - this.started) / 1000;
    this.timings.augment += this.augmentSeconds;
    this.timings.step += (now - this.batchReady) / 1000 - this.augmentSeconds;
    this.trainSeconds += seconds;
    this.stepSeconds.push(seconds);
    this.recent.push(seconds);
    if (this.recent.length > this.window) this.recent.shift();
  }

  /** Mean seconds per step over the last steps. */
  get secondsPerStep(): number {
    return this.recent.reduce((a, b) => a + b, 0) / this.recent.length;
  }

  /** Seconds timed since this call started (0 when it took no step, e.g. resumed at its limit). */
  get secondsThisCall(): number {
    return this.timings.data + this.timings.augment + this.timings.step;
  }
}
