import { describe, expect, it } from 'vitest';
import { assertShape } from './assert-shape';

describe('assertShape', () => {
  it('accepts matching shapes, null matching any size', () => {
    expect(() => assertShape({ shape: [7, 4] }, [null, 4], 'nms', 'boxes')).not.toThrow();
    expect(() => assertShape({ shape: [0, 4] }, [null, 4], 'nms', 'boxes')).not.toThrow();
    expect(() => assertShape({ shape: [2, 3] }, [2, 3], 'f', 'x')).not.toThrow();
  });

  it('throws: wrong size or rank, with * for free axes', () => {
    expect(() => assertShape({ shape: [3, 5] }, [null, 4], 'nms', 'boxes')).toThrow(
      /^nms: boxes must have shape \[\*,4\], got \[3,5\]\.$/,
    );
    expect(() => assertShape({ shape: [4] }, [null, 4], 'nms', 'boxes')).toThrow(
      /must have shape \[\*,4\], got \[4\]/,
    );
  });

  it('throws: not a tensor', () => {
    expect(() => assertShape('boxes' as never, [null, 4], 'nms', 'boxes')).toThrow(
      /nms: boxes must be a tensor of shape \[\*,4\], got 'boxes'/,
    );
  });
});
