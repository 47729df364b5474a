import { InvalidArgumentError } from '@tessera/core';
import { byol } from './byol';
import { cmc } from './cmc';
import { cpc } from './cpc';
import { gan } from './gan';
import { autoencoder, vae } from './generative';
import { instdisc } from './instdisc';
import { moco } from './moco';
import { jigsaw } from './jigsaw';
import { relativePosition } from './relative-position';
import { rotation } from './rotation';
import { siamese } from './siamese';
import { simclr } from './simclr';
import { simsiam } from './simsiam';
import { supcon } from './supcon';
import { barlowTwins, vicreg } from './twin-losses';
import type { PretrainMethod } from './types';

/**
 * Every built-in method by name. `pretrain({method})` takes one of these names or any
 * {@link PretrainMethod} object (a method of your own).
 * @category Methods
 */
export const METHODS = {
  simclr,
  instdisc,
  moco,
  cmc,
  cpc,
  supcon,
  siamese,
  byol,
  simsiam,
  'barlow-twins': barlowTwins,
  vicreg,
  rotation,
  jigsaw,
  'relative-position': relativePosition,
  autoencoder,
  vae,
  gan,
} as const satisfies Record<string, PretrainMethod<never>>;

/** A built-in method's name. @category Methods */
export type MethodName = keyof typeof METHODS;

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
