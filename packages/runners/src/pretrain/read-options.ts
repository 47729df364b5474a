import * as tf from '@tensorflow/tfjs-core';
import { assertInteger, assertPositive, InvalidArgumentError } from '@tessera/core';
import { parseDuration } from './duration';
import type { ImageData, PretrainOptions, PretrainResult } from './types';

// pretrain's argument checks: the data, how long to train, the optimizer. @internal

export const FN = 'pretrain';

export function fail(argument: string, detail: string): never {
  throw new InvalidArgumentError({ functionName: FN, argument, detail });
}

export function readData(data: ImageData): ImageData {
  if (
    !data ||
    !(data.images instanceof Float32Array) ||
    !Array.isArray(data.shape) ||
    data.shape.length !== 4
  )
    fail(
      'data',
      'data must be { images: Float32Array, shape: [N, H, W, C], labels? } (loadMnist returns one).',
    );
  const [n, h, w, c] = data.shape;
  if (
    ![n, h, w, c].every((v) => Number.isInteger(v) && v > 0) ||
    data.images.length !== n * h * w * c
  )
    fail(
      'data',
      `data.images must hold N·H·W·C = ${data.shape.join('·')} values, got ${data.images.length}.`,
    );
  if (data.labels && data.labels.length !== n)
    fail('data', `data.labels must have one label per image (${n}), got ${data.labels.length}.`);
  return data;
}

export function readLimits(options: PretrainOptions, stepsPerEpoch: number) {
  const { epochs, maxSteps } = options;
  if (epochs === undefined && maxSteps === undefined && options.budgetSeconds === undefined)
    fail('epochs', 'give epochs, maxSteps or budgetSeconds (how long to train).');
  if (epochs !== undefined) assertPositive(epochs, FN, 'epochs');
  if (maxSteps !== undefined) assertInteger(maxSteps, FN, 'maxSteps', { min: 1 });
  const budgetSeconds =
    options.budgetSeconds === undefined
      ? Infinity
      : parseDuration(options.budgetSeconds, FN, 'budgetSeconds');
  const fromEpochs = epochs === undefined ? Infinity : Math.round(epochs * stepsPerEpoch);
  const cap = Math.min(fromEpochs, maxSteps ?? Infinity);
  return {
    budgetSeconds,
    maxSteps: cap,
    maxStepsFrom: (cap === fromEpochs ? 'epochs' : 'max-steps') as PretrainResult['stopped'],
  };
}

export function makeOptimizer(
  kind: NonNullable<PretrainOptions['optimizer']>,
  learningRate: number,
  adamEpsilon?: number,
): tf.Optimizer {
  if (typeof kind === 'function') return kind(learningRate);
  if (kind === 'adam') return tf.train.adam(learningRate, 0.9, 0.999, adamEpsilon);
  if (kind === 'sgd') return tf.train.sgd(learningRate);
  if (kind === 'momentum') return tf.train.momentum(learningRate, 0.9);
  return fail(
    'optimizer',
    `optimizer must be 'adam', 'sgd', 'momentum' or a function, got ${JSON.stringify(kind)}.`,
  );
}
