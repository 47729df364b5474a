import type { BackendChoice, BackendName, SelectBackendOptions } from '@tessera/backends';
import { evaluateRepresentation } from './evaluate/evaluate-representation';
import type { PretrainOptions, PretrainResult } from './pretrain/types';

/** What `createRunner` returns: the backend it started and the runners bound to it. @category Training */
export interface Runner {
  /** The backend `selectBackend` chose, with a reason for every candidate. */
  readonly backend: BackendChoice;
  pretrain(options: PretrainOptions): Promise<PretrainResult>;
  readonly evaluateRepresentation: typeof evaluateRepresentation;
}

/** Builds `createRunner` for an entry point. @internal */
export function makeCreateRunner(
  selectBackend: (options: SelectBackendOptions) => Promise<BackendChoice>,
  pretrain: (options: PretrainOptions) => Promise<PretrainResult>,
) {
  /**
   * Starts the best backend (`selectBackend` of `@tessera/backends`, given the same options), or
   * the one named by `backend` (failing clearly when it cannot start), and returns the training and
   * evaluation runners. In a browser bundle pass `wasmPaths` (see `@tessera/backends`).
   * @example
   * ```ts
   * const runner = await createRunner();
   * console.log(runner.backend.name, runner.backend.reasons);
   * ```
   * @category Training
   */
  return async function createRunner({
    backend,
    ...options
  }: SelectBackendOptions & { backend?: string } = {}): Promise<Runner> {
    const choice = await selectBackend(
      backend ? { ...options, force: backend as BackendName } : options,
    );
    return { backend: choice, pretrain, evaluateRepresentation };
  };
}
