import { InvalidArgumentError } from '@tessera/core';
import { METHODS, type MethodName } from './registry';
import type { PretrainMethod } from './types';

/** The method of a name, or the method object itself. @internal */
export function resolveMethod(
  method: MethodName | PretrainMethod<never> | string,
  functionName: string,
): PretrainMethod<object> {
  if (typeof method === 'object' && method !== null && typeof method.create === 'function')
    return method as PretrainMethod<object>;
  const found = (METHODS as Record<string, PretrainMethod<never>>)[method as string];
  if (!found)
    throw new InvalidArgumentError({
      functionName,
      argument: 'method',
      detail: `method must be one of ${Object.keys(METHODS).join(', ')} or a PretrainMethod, got ${JSON.stringify(method)}.`,
    });
  return found as PretrainMethod<object>;
}
