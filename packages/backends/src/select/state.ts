import type { BackendChoice } from '../types';

let last: BackendChoice | null = null;

/** Remembers the latest choice for `describeBackend`. @internal */
export function recordChoice(choice: BackendChoice): void {
  last = choice;
}

/** The latest choice made by `selectBackend` in this process, if any. @internal */
export function lastChoice(): BackendChoice | null {
  return last;
}
