import { beforeAll, describe } from 'vitest';
import { activateBackend, requestedBackends, testEpsilon } from './backends';

/** What a backend suite receives. */
export interface BackendContext {
  /** The backend this copy of the suite runs on. */
  readonly backend: string;
  /** Tolerance that follows the backend's precision; see `testEpsilon`. */
  readonly epsilon: number;
}

/** Options of {@link describeWithBackends}. */
export interface DescribeWithBackendsOptions {
  /** Backends to run on; intersected with `TESSERA_BACKENDS` when that is set. Default `['cpu', 'wasm']`. */
  backends?: readonly string[];
  /**
   * Known gaps: backend → reason. The suite is skipped on that backend and the reason shows in the
   * suite's name, so every gap is visible in the test report (tfjs `toExclude` lists, one reason each).
   */
  skip?: Readonly<Record<string, string>>;
}

/**
 * Runs the same suite once per backend, like tfjs `describeWithFlags`. Suite names carry the
 * backend (`ntXentLoss [wasm]`); the backend is activated in `beforeAll`.
 *
 * @example
 * ```ts
 * describeWithBackends('ntXentLoss', ({ backend, epsilon }) => {
 *   it('matches PyTorch', () => { ... });
 * });
 * ```
 */
export function describeWithBackends(
  name: string,
  fn: (ctx: BackendContext) => void,
  { backends = ['cpu', 'wasm'], skip = {} }: DescribeWithBackendsOptions = {},
): void {
  const requested = requestedBackends(backends);
  const selected = backends.filter((b) => requested.includes(b));
  for (const backend of selected) {
    const reason = skip[backend];
    if (reason !== undefined) {
      describe.skip(`${name} [${backend}] (known gap: ${reason})`, () => fn(contextFor(backend)));
      continue;
    }
    describe(`${name} [${backend}]`, () => {
      beforeAll(async () => {
        const started = await activateBackend(backend);
        if (!started.ok) {
          throw new Error(
            `describeWithBackends: backend '${backend}' could not start: ${started.reason}`,
          );
        }
      });
      fn(contextFor(backend));
    });
  }
}

function contextFor(backend: string): BackendContext {
  // epsilon is read inside tests, after beforeAll has started the backend.
  return {
    backend,
    get epsilon() {
      return testEpsilon(backend);
    },
  };
}
