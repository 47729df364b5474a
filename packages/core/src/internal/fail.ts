import { InvalidArgumentError } from '../invalid-argument-error';

/**
 * Throws the standard error: `fn: <detail>`. Kept in one place so every message has one shape.
 * @internal
 */
export function fail(functionName: string, argument: string, detail: string): never {
  throw new InvalidArgumentError({ functionName, argument, detail });
}
