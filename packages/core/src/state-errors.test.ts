import { expect, it } from 'vitest';
import { InvalidArgumentError } from './invalid-argument-error';
import { CheckpointError, TrainingError } from './state-errors';

it('CheckpointError prefixes the function, keeps the detail and cause, and is recognised across copies', () => {
  const cause = new Error('inner');
  const e = new CheckpointError({ functionName: 'pretrain', detail: 'it has no tensor x.', cause });
  expect(e.message).toBe('pretrain: it has no tensor x.');
  expect(e.name).toBe('CheckpointError');
  expect(e.cause).toBe(cause);
  const marker: unique symbol = Symbol.for('tessera.error.Checkpoint');
  class OtherCopy extends Error {
    readonly [marker] = true;
  }
  expect(CheckpointError.isInstance(e)).toBe(true);
  expect(CheckpointError.isInstance(new OtherCopy('x'))).toBe(true);
  expect(CheckpointError.isInstance(new Error('x'))).toBe(false);
  expect(InvalidArgumentError.isInstance(e)).toBe(false);
});

it('TrainingError carries the reason and the step', () => {
  const e = new TrainingError({
    functionName: 'pretrain',
    reason: 'diverged',
    step: 7,
    detail: 'the loss became NaN.',
  });
  expect([e.message, e.reason, e.step, e.name]).toEqual([
    'pretrain: the loss became NaN.',
    'diverged',
    7,
    'TrainingError',
  ]);
  expect(TrainingError.isInstance(e)).toBe(true);
  expect(CheckpointError.isInstance(e)).toBe(false);
  expect(TrainingError.isInstance(null)).toBe(false);
});
