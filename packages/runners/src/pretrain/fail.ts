import { InvalidArgumentError } from '@tessera/core';

/** The name `pretrain`'s errors give. @internal */
export const FN = 'pretrain';

/** Throws `pretrain`'s {@link InvalidArgumentError} for `argument`. @internal */
export function fail(argument: string, detail: string): never {
  throw new InvalidArgumentError({ functionName: FN, argument, detail });
}
