// @tessera/runners — Node entry (the package's `node` export condition).
import { selectBackend } from '@tessera/backends';
import { fileCheckpointStore } from './checkpoint/file-store';
import { makeCreateRunner } from './create-runner';
import { createPretrain } from './pretrain/pretrain';
import type { Pretrain } from './pretrain/types';
import { createTrainSiamese } from './siamese/train-siamese';

export * from './exports';
export { fileCheckpointStore };
export { writeRunReport } from './report/write-run-report';

/** {@inheritDoc Pretrain} @category Training */
export const pretrain: Pretrain = createPretrain((dir) => fileCheckpointStore(dir));

/** Starts the best Node backend and returns the runners bound to it. @category Training */
export const createRunner = makeCreateRunner(selectBackend, pretrain);

/** {@inheritDoc TrainSiamese} @category Training */
export const trainSiamese = createTrainSiamese(pretrain);
