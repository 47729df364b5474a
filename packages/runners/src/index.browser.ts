// @tessera/runners — browser entry (the package's `browser` export condition). No Node modules.
import { selectBackend } from '@tessera/backends';
import { InvalidArgumentError } from '@tessera/core';
import { makeCreateRunner } from './create-runner';
import { createPretrain } from './pretrain/pretrain';
import type { Pretrain } from './pretrain/types';
import { createTrainSiamese } from './siamese/train-siamese';

export * from './exports';

/**
 * `pretrain` in a web page. Pass a `checkpointStore` (e.g. `memoryCheckpointStore()`);
 * `checkpointDir` is a Node option.
 * @category Training
 */
export const pretrain: Pretrain = createPretrain(() => {
  throw new InvalidArgumentError({
    functionName: 'pretrain',
    argument: 'checkpointDir',
    detail: 'checkpointDir is a Node option: in a browser pass a checkpointStore.',
  });
});

/** Starts the best browser backend and returns the runners bound to it. @category Training */
export const createRunner = makeCreateRunner(selectBackend, pretrain);

/** {@inheritDoc TrainSiamese} @category Training */
export const trainSiamese = createTrainSiamese(pretrain);
