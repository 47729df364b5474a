import type { AdapterSummary, BackendName, SelectBackendOptions } from '../types';

/** A prepared candidate: registered with TF.js and ready to activate, or the reason it is not. @internal */
export type Prepared =
  { ok: true; adapter?: AdapterSummary; note?: string } | { ok: false; reason: string };

/**
 * One backend the selector can try. `prepare` imports and registers it without activating it
 * (so it can say why not), and never throws.
 * @internal
 */
export interface Candidate {
  readonly name: BackendName;
  prepare(options: SelectBackendOptions): Promise<Prepared>;
  /**
   * Runs once the backend is active, before the self-check (wasm starts its native kernels' threads
   * here); returns a note for the reason, and never throws.
   */
  activated?(): Promise<string | undefined>;
}
