const marker = Symbol.for('tessera.error.InvalidArgument');

/** Fields of an {@link InvalidArgumentError}. */
export interface InvalidArgumentErrorOptions {
  /** The public function that rejected the argument, e.g. `'ntXentLoss'`. */
  functionName: string;
  /** The argument (or option) that was rejected, e.g. `'temperature'` or `'z1'`. */
  argument: string;
  /** What was wrong, without the function prefix: `'temperature must be > 0, got -1.'` */
  detail: string;
  /** An underlying error, when the check wrapped one. */
  cause?: unknown;
}

/**
 * The error every Tessera function throws on bad input. Its message has the form
 * `<functionName>: <argument> must be <expected>, got <actual>.`
 *
 * Recognise it with {@link InvalidArgumentError.isInstance} rather than `instanceof`: the check
 * uses a `Symbol.for` marker, so it still works when two copies of `@tessera/core` are installed
 * (a bundled dependency and your own).
 *
 * @example
 * ```ts
 * try {
 *   createRng(1.5);
 * } catch (e) {
 *   if (InvalidArgumentError.isInstance(e)) console.log(e.functionName, e.argument);
 *   // → createRng seed
 * }
 * ```
 * @category Errors
 */
export class InvalidArgumentError extends Error {
  /** @internal Marks Tessera errors across duplicate installs. */
  readonly [marker] = true;
  override readonly name = 'InvalidArgumentError';
  /** The public function that rejected the argument. */
  readonly functionName: string;
  /** The name of the rejected argument or option. */
  readonly argument: string;
  /** The message without the `functionName: ` prefix. */
  readonly detail: string;

  constructor({ functionName, argument, detail, cause }: InvalidArgumentErrorOptions) {
    super(`${functionName}: ${detail}`, cause === undefined ? undefined : { cause });
    this.functionName = functionName;
    this.argument = argument;
    this.detail = detail;
  }

  /** True when `error` is an `InvalidArgumentError` from any copy of `@tessera/core`. */
  static isInstance(error: unknown): error is InvalidArgumentError {
    return typeof error === 'object' && error !== null && marker in error;
  }
}

/**
 * Throws the {@link InvalidArgumentError} of `functionName` for `argument`: the one way Tessera's
 * packages reject an input, so every message has the shape `fn: <detail>`.
 *
 * @example
 * ```ts
 * if (!(temperature > 0))
 *   throwInvalidArgument('myLoss', 'temperature', `temperature must be > 0, got ${temperature}.`);
 * ```
 * @category Errors
 */
export function throwInvalidArgument(
  functionName: string,
  argument: string,
  detail: string,
): never {
  throw new InvalidArgumentError({ functionName, argument, detail });
}
