import type { BackendReason } from './types';

const marker = Symbol.for('tessera.error.BackendUnavailable');

/**
 * Thrown by {@link selectBackend} when the forced backend (`force` / `TESSERA_BACKEND`) cannot
 * start, or when no candidate starts at all. `reasons` says why for each candidate.
 */
export class BackendUnavailableError extends Error {
  /** @internal */
  readonly [marker] = true;
  override readonly name = 'BackendUnavailableError';
  readonly reasons: readonly BackendReason[];

  constructor(message: string, reasons: readonly BackendReason[]) {
    super(message);
    this.reasons = reasons;
  }

  /** True for a `BackendUnavailableError` from any copy of `@tessera/backends`. */
  static isInstance(error: unknown): error is BackendUnavailableError {
    return typeof error === 'object' && error !== null && marker in error;
  }
}
