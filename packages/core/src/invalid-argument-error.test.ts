import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, throwInvalidArgument } from './invalid-argument-error';

describe('InvalidArgumentError', () => {
  const err = new InvalidArgumentError({
    functionName: 'ntXentLoss',
    argument: 'temperature',
    detail: 'temperature must be > 0, got -1.',
  });

  it('prefixes the message with the function name and keeps the fields', () => {
    expect(err.message).toBe('ntXentLoss: temperature must be > 0, got -1.');
    expect(err.name).toBe('InvalidArgumentError');
    expect(err.functionName).toBe('ntXentLoss');
    expect(err.argument).toBe('temperature');
    expect(err.detail).toBe('temperature must be > 0, got -1.');
    expect(err).toBeInstanceOf(Error);
    expect(String(err)).toMatch(/^InvalidArgumentError: ntXentLoss: temperature must be > 0/);
  });

  it('throwInvalidArgument throws the same error', () => {
    let thrown: unknown;
    try {
      throwInvalidArgument('ntXentLoss', 'temperature', 'temperature must be > 0, got -1.');
    } catch (e) {
      thrown = e;
    }
    expect(InvalidArgumentError.isInstance(thrown)).toBe(true);
    expect({ ...(thrown as InvalidArgumentError), message: (thrown as Error).message }).toEqual({
      ...err,
      message: err.message,
    });
  });

  it('keeps a cause', () => {
    const cause = new Error('inner');
    const e = new InvalidArgumentError({
      functionName: 'f',
      argument: 'x',
      detail: 'x is bad.',
      cause,
    });
    expect(e.cause).toBe(cause);
  });

  it('isInstance recognises errors from another copy of the package by their Symbol.for marker', () => {
    // A second install defines its own class; only the global symbol is shared.
    const otherMarker: unique symbol = Symbol.for('tessera.error.InvalidArgument');
    class OtherCopy extends Error {
      readonly [otherMarker] = true;
    }
    expect(InvalidArgumentError.isInstance(err)).toBe(true);
    expect(InvalidArgumentError.isInstance(new OtherCopy('x'))).toBe(true);
    expect(InvalidArgumentError.isInstance(new Error('plain'))).toBe(false);
    expect(InvalidArgumentError.isInstance(null)).toBe(false);
    expect(InvalidArgumentError.isInstance('InvalidArgumentError')).toBe(false);
  });
});
