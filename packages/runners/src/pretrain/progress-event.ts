import type { Limits } from './limits';
import type { StepClock } from './step-clock';
import type { ProgressEvent } from './types';

/** The `'step'` event after step `step`: pace over the last steps, and the ETA of whichever limit comes first. @internal */
export function stepEvent(
  step: number,
  loss: number,
  clock: StepClock,
  {
    limits,
    batchSize,
    stepsPerEpoch,
  }: { limits: Limits; batchSize: number; stepsPerEpoch: number },
  backend: string,
): ProgressEvent {
  const secondsPerStep = clock.secondsPerStep;
  const eta = Math.min(
    (limits.maxSteps - step) * secondsPerStep,
    limits.budgetSeconds - clock.trainSeconds,
  );
  return {
    type: 'step',
    step,
    epoch: step / stepsPerEpoch,
    loss,
    imagesPerSecond: batchSize / secondsPerStep,
    elapsedSeconds: clock.trainSeconds,
    etaSeconds: Math.max(0, eta),
    fraction: Math.min(
      1,
      Math.max(step / limits.maxSteps, clock.trainSeconds / limits.budgetSeconds),
    ),
    backend,
  };
}
