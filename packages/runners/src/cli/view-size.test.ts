import { expect, test } from 'vitest';
import { UsageError } from './args';
import { viewSizeFlag } from './view-size';

const MNIST = [28, 28, 1] as const;

test('--view-size takes N, HxW or a fraction of the image sides', () => {
  expect(viewSizeFlag('pretrain', undefined, MNIST)).toBeUndefined();
  expect(viewSizeFlag('pretrain', '20', MNIST)).toEqual([20, 20]);
  expect(viewSizeFlag('pretrain', '20x16', MNIST)).toEqual([20, 16]);
  // 0.7 · 28 = 19.6 → 20; 0.7 · 32 = 22.4 → 22
  expect(viewSizeFlag('pretrain', '0.7', MNIST)).toEqual([20, 20]);
  expect(viewSizeFlag('pretrain', '0.7', [32, 40, 3])).toEqual([22, 28]);
  // 1 is the fraction the flag's message names (the whole side), not a 1×1 view
  expect(viewSizeFlag('pretrain', '1', MNIST)).toEqual([28, 28]);
  expect(viewSizeFlag('pretrain', '1.0', [32, 40, 3])).toEqual([32, 40]);
  expect(viewSizeFlag('pretrain', '1x1', MNIST)).toEqual([1, 1]);
  expect(viewSizeFlag('pretrain', '0.01', MNIST)).toEqual([1, 1]);
});

test.each(['0', '-3', '1.5', '20x', 'x20', '20x0', '2x3x4', 'big', '20.5x3'])(
  '--view-size %s is a usage error naming the flag',
  (value) => {
    expect(() => viewSizeFlag('pretrain', value, MNIST)).toThrow(UsageError);
    expect(() => viewSizeFlag('pretrain', value, MNIST)).toThrow(/--view-size/);
  },
);
