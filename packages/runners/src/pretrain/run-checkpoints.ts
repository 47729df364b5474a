import { captureCheckpoint, restoreCheckpoint } from '../checkpoint/serialize';
import type { Checkpoint, CheckpointStore } from '../checkpoint/types';
import type { MethodRun } from '../methods/types';
import { fail } from './fail';
import type { PretrainSettings } from './read-options';
import type { ProgressEvent } from './types';

/** Where a run stands: what a checkpoint saves and a resume restores. @internal */
export interface RunProgress {
  step: number;
  trainSeconds: number;
  readonly losses: number[];
}

/**
 * The newest checkpoint of the store when `resume` is set, checked against the run before anything
 * is built: a checkpoint of another method, or written under other framework defaults (its ε's are
 * not weights, so the run would go on silently different), is refused. @internal
 */
export async function loadResumeCheckpoint(
  { store, method, defaults }: PretrainSettings,
  resume: boolean | undefined,
): Promise<Checkpoint | undefined> {
  const checkpoint = resume && store ? await store.loadLatest() : undefined;
  if (!checkpoint || !store) return undefined;
  if (checkpoint.manifest.method !== method.name)
    fail(
      'resume',
      `the checkpoint in ${store.location} was written by ${checkpoint.manifest.method}, not ${method.name}.`,
    );
  const savedDefaults =
    (checkpoint.manifest.config as { defaults?: string } | undefined)?.defaults ?? 'tfjs';
  if (savedDefaults !== defaults)
    fail(
      'resume',
      `the checkpoint in ${store.location} was written with defaults '${savedDefaults}', not '${defaults}'; resume with the same defaults.`,
    );
  return checkpoint;
}

/** Puts the checkpoint's weights and state into the run and returns where it stood. @internal */
export async function resumeFrom(run: MethodRun, checkpoint: Checkpoint): Promise<RunProgress> {
  await restoreCheckpoint(run, checkpoint);
  const { step, trainSeconds, losses } = checkpoint.manifest;
  return { step, trainSeconds, losses: [...losses] };
}

/** Saves the run as it stands and tells `onProgress`. @internal */
export async function saveCheckpoint(
  store: CheckpointStore,
  run: MethodRun,
  progress: RunProgress,
  info: { method: string; config: unknown },
  onProgress?: (event: ProgressEvent) => void,
): Promise<void> {
  const { step, trainSeconds, losses } = progress;
  await store.save(await captureCheckpoint(run, { step, trainSeconds, losses, ...info }));
  onProgress?.({ type: 'checkpoint', step, location: store.location });
}
