import { throwInvalidArgument } from '@tessera/core';

/** The name `pretrain`'s errors give. @internal */
export const FN = 'pretrain';

/** Throws `pretrain`'s {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} for `argument`. @internal */
export function fail(argument: string, detail: string): never {
  return throwInvalidArgument(FN, argument, detail);
}
